/** `npm run build-model`: builds the default embedding model into .cache/models if it is missing, stale or damaged. */
import { performance } from 'node:perf_hooks';
import { ensureDefaultModel } from './default-model.js';

const started = performance.now();
const folder = await ensureDefaultModel('.cache/models');
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`Default embedding model ready in ${folder} (${seconds} s)`);
