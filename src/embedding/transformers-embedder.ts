import { env, pipeline, type FeatureExtractionPipeline } from '@xenova/transformers';
import { normalise, type Embedder } from './embedder.js';

/** Texts per model call: large enough to amortise the call, small enough to keep memory flat. */
const BATCH_SIZE = 64;

/**
 * An Embedder over a transformers.js feature-extraction pipeline: mean pooled, then normalised here
 * (with a zero guard, so a text of only stop words or unknown words gives a zero vector, not NaN).
 * The pipeline is loaded on first use and shared. `allowRemote` lets a hub model id download once
 * into `modelsDir`; the default local model never needs it.
 */
export function createTransformersEmbedder(options: {
  modelId: string;
  modelsDir: string;
  allowRemote: boolean;
  quantized?: boolean;
}): Embedder & { load(): Promise<void> } {
  let loading: Promise<FeatureExtractionPipeline> | undefined;
  const load = () => {
    loading ??= (async () => {
      env.localModelPath = options.modelsDir.endsWith('/') ? options.modelsDir : `${options.modelsDir}/`;
      env.cacheDir = options.modelsDir;
      env.allowRemoteModels = options.allowRemote;
      env.allowLocalModels = true;
      return await pipeline('feature-extraction', options.modelId, {
        quantized: options.quantized ?? true,
      });
    })();
    return loading;
  };

  return {
    modelId: options.modelId,
    async load() {
      await load();
    },
    async embed(texts) {
      const extractor = await load();
      const vectors: Float32Array[] = [];
      for (let start = 0; start < texts.length; start += BATCH_SIZE) {
        const batch = texts.slice(start, start + BATCH_SIZE);
        const output = await extractor(batch, { pooling: 'mean', normalize: false });
        const [rows, dims] = output.dims as [number, number];
        const data = output.data as Float32Array;
        for (let row = 0; row < rows; row++) {
          vectors.push(normalise(data.slice(row * dims, (row + 1) * dims)));
        }
      }
      return vectors;
    },
  };
}
