import { Worker } from 'node:worker_threads';
import { WORKER_LIMITS, workerScript } from '../worker-script.js';
import type { Embedder } from './embedder.js';
import type { EmbedReply, EmbedRequest } from './embedding-worker.js';
import type { TransformersEmbedderOptions } from './transformers-embedder.js';

/**
 * The transformers.js embedder on a worker thread of its own. Importing transformers.js and loading the
 * model (the tokenizer's 100,000 words, the ONNX session) take about a second of CPU; on a worker they run
 * beside this thread's start-up (reading the saved evidence and analyses, building the indexes) instead of
 * before it, and embedding on a first start or a reload leaves this thread free to answer. A question's
 * round trip adds a fraction of a millisecond.
 *
 * The worker holds the process open only while a request is in flight, so a CLI exits once it has
 * answered. If it dies, every request in flight and every later one fails with the reason.
 */
export function createThreadEmbedder(options: TransformersEmbedderOptions): Embedder {
  const worker = new Worker(workerScript('embedding-worker', import.meta.url), {
    eval: true,
    workerData: options,
    resourceLimits: WORKER_LIMITS,
  });
  worker.unref();
  const pending = new Map<number, { resolve(rows: Float32Array[]): void; reject(err: Error): void }>();
  let stopped: Error | undefined;
  let next = 0;

  const settle = (id: number) => {
    const request = pending.get(id);
    pending.delete(id);
    if (pending.size === 0) worker.unref();
    return request;
  };
  worker.on('message', (reply: EmbedReply) => {
    const request = settle(reply.id);
    if ('error' in reply) return request?.reject(new Error(`embedding failed: ${reply.error}`));
    const { rows, dims } = reply;
    const count = dims === 0 ? 0 : rows.length / dims;
    request?.resolve(Array.from({ length: count }, (_, i) => rows.subarray(i * dims, (i + 1) * dims)));
  });
  const stop = (err: Error) => {
    stopped ??= err;
    for (const id of [...pending.keys()]) settle(id)?.reject(stopped);
  };
  worker.on('error', (err) => stop(new Error(`the embedding worker failed: ${err.message}`, { cause: err })));
  worker.on('exit', (code) => stop(new Error(`the embedding worker stopped (exit code ${code})`)));

  return {
    modelId: options.modelId,
    embed(texts) {
      if (stopped) return Promise.reject(stopped);
      return new Promise((resolve, reject) => {
        const id = next++;
        pending.set(id, { resolve, reject });
        worker.ref();
        worker.postMessage({ id, texts } satisfies EmbedRequest);
      });
    },
  };
}
