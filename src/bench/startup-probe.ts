import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { ensureDefaultModel } from '../embedding/default-model.js';
import { openEmbedder } from '../engine/open-library.js';
import { startAndAnswer } from './start-up.js';
import { peakRssMb } from './stats.js';

// Run by run-bench in a fresh process per measurement, so each start-up is a real one (no warm module or
// model state from an earlier run) and each peak memory figure belongs to that one job. Settings come
// from the environment run-bench gives it (KNOWLEDGE_DIR, MODEL_CACHE_DIR), through loadConfig as in
// `npm start`. Prints one JSON object on standard output.

/** What `--mode build-model` reports: building the default model into an empty folder. */
export interface BuildProbeResult {
  buildMs: number;
  cpuMs: number;
  peakRssMb: number;
}

/** What `--mode load-model` reports: opening the built model and embedding one text. */
export interface LoadProbeResult {
  loadMs: number;
  peakRssMb: number;
}

async function main(): Promise<void> {
  const modulesMs = performance.now();
  const { values } = parseArgs({
    options: {
      mode: { type: 'string', default: 'startup' },
      question: { type: 'string', default: 'What happened?' },
    },
  });
  const config = loadConfig();

  if (values.mode === 'build-model') {
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    await ensureDefaultModel(path.join(config.MODEL_CACHE_DIR, 'models'));
    const cpu = process.cpuUsage(cpuBefore);
    const result: BuildProbeResult = {
      buildMs: performance.now() - started,
      cpuMs: (cpu.user + cpu.system) / 1000,
      peakRssMb: peakRssMb(),
    };
    console.log(JSON.stringify(result));
    return;
  }

  if (values.mode === 'load-model') {
    const started = performance.now();
    const embedder = await openEmbedder(config);
    // The pipeline loads lazily; the first embedding is what a user waits for.
    await embedder.embed(['model load']);
    const result: LoadProbeResult = { loadMs: performance.now() - started, peakRssMb: peakRssMb() };
    console.log(JSON.stringify(result));
    return;
  }

  if (values.mode !== 'startup') throw new Error(`unknown --mode ${values.mode}`);
  const { start } = await startAndAnswer(config, values.question, modulesMs);
  console.log(JSON.stringify(start));
}

await main();
