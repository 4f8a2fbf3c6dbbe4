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

/**
 * A worker's young generation. Tagging makes garbage fast and nearly all of it dies young, so a small one
 * collects it as well; V8's default let each worker's grow to tens of megabytes, which a first start at
 * 1,000 articles paid for in peak memory (two quote-reading workers: ~45 MB) and not in time.
 */
export const WORKER_LIMITS = { maxYoungGenerationSizeMb: 8 };
