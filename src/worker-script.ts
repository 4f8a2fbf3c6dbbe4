/**
 * The first script of a worker thread that runs the module `name` beside `from` (the caller's
 * `import.meta.url`), for `new Worker(script, { eval: true })`. Compiled (`npm start` runs dist/), it
 * imports the module's .js file. Run as TypeScript through tsx, it first registers tsx's hooks itself: in
 * Node 20 a worker does not inherit the loader hooks of `--import tsx` (nor take them from its own
 * execArgv). Both are absolute URLs, so the worker may start in any folder.
 */
export function workerScript(name: string, from: string): string {
  const compiled = from.endsWith('.js');
  const module = JSON.stringify(new URL(`./${name}.${compiled ? 'js' : 'ts'}`, from).href);
  if (compiled) return `import(${module});`;
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  return `import(${tsx}).then(({ register }) => { register(); return import(${module}); });`;
}
