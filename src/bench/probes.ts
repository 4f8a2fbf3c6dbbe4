import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const COMPILED = path.join(HERE, '..', '..', 'dist', 'src', 'bench');
// The probes that drive the bot through the end-to-end emulator import it from test/, which `npm run build`
// does not compile: they run from their TypeScript, through tsx.
const THROUGH_TSX = new Set(['discord-load.ts', 'shard-load.ts']);

/**
 * The arguments to `node` that start a bench probe (`startup-probe.ts`…) as `npm run bench` does: the
 * compiled JavaScript in dist/ (the bench builds it first), as `npm start` runs the bot, or the TypeScript
 * through tsx for the probes named above. `nodeArgs` go before the script.
 */
export function probeCommand(script: string, nodeArgs: readonly string[] = []): string[] {
  if (THROUGH_TSX.has(script)) return [...nodeArgs, '--import', 'tsx', path.join(HERE, script)];
  return [...nodeArgs, path.join(COMPILED, script.replace(/\.ts$/u, '.js'))];
}
