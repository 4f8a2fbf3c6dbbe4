import { parentPort, workerData } from 'node:worker_threads';
import { createTransformersEmbedder, type TransformersEmbedderOptions } from './transformers-embedder.js';

/** What the thread embedder sends: texts to embed. */
export interface EmbedRequest {
  id: number;
  texts: readonly string[];
}

/** What the worker answers: the texts' vectors as rows of one buffer (`dims` long each), or why it failed. */
export type EmbedReply = { id: number; rows: Float32Array; dims: number } | { id: number; error: string };

// The worker thread of `createThreadEmbedder`: it starts loading the model at once (transformers.js, the
// tokenizer and the ONNX session), then embeds what it is sent, one message per call. Messages sent while
// it loads wait in the port's queue; a model that fails to load fails each request with its error.
const port = parentPort;
if (port) {
  const embedder = createTransformersEmbedder(workerData as TransformersEmbedderOptions);
  embedder.load().catch(() => undefined);
  port.on('message', ({ id, texts }: EmbedRequest) => {
    embedder.embed(texts).then(
      (vectors) => {
        const dims = vectors[0]?.length ?? 0;
        const rows = new Float32Array(vectors.length * dims);
        vectors.forEach((vector, i) => rows.set(vector, i * dims));
        port.postMessage({ id, rows, dims } satisfies EmbedReply, [rows.buffer]);
      },
      (err: unknown) =>
        port.postMessage({
          id,
          error: err instanceof Error ? (err.stack ?? err.message) : String(err),
        } satisfies EmbedReply),
    );
  });
}
