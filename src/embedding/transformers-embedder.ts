import { env, pipeline, type FeatureExtractionPipeline } from '@xenova/transformers';
import { normalise, type Embedder } from './embedder.js';

/** Texts per model call: large enough to amortise the call, small enough to keep memory flat. */
const BATCH_SIZE = 64;
/**
 * Characters of text per model call. A batch is padded to its longest text, so texts go to the model
 * sorted by length and a batch closes when it would exceed this: one 14,000-word paragraph among short
 * ones used to pad the whole batch to its length (10 s, +450 MB).
 */
export const BATCH_CHARS = 16_000;
/**
 * Longest piece of text embedded in one go (about 400 words). A longer text is embedded in pieces whose
 * vectors are averaged, weighted by their words: for mean pooling that is the text's own vector (very
 * nearly; a transformer would truncate at its maximum length anyway), and no call blocks for long.
 */
export const MAX_PIECE_CHARS = 2_000;

/** `text` cut at spaces into pieces of at most `max` characters (a longer word is cut where it must be). */
export function pieces(text: string, max = MAX_PIECE_CHARS): string[] {
  if (text.length <= max) return [text];
  const found: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    let cut = rest.lastIndexOf(' ', max);
    if (cut <= 0) cut = max;
    found.push(rest.slice(0, cut));
    rest = rest.slice(cut).trimStart();
  }
  if (rest.length > 0) found.push(rest);
  return found;
}

/** One piece to embed: which text it belongs to and how much it weighs in that text's vector. */
export interface Piece {
  text: string;
  owner: number;
  weight: number;
}

/**
 * Groups pieces, shortest first, into batches of at most BATCH_SIZE whose padded size (pieces × longest
 * piece) stays within BATCH_CHARS, or of one piece.
 */
export function batches(all: readonly Piece[]): Piece[][] {
  const sorted = [...all].sort((a, b) => a.text.length - b.text.length);
  const groups: Piece[][] = [];
  let current: Piece[] = [];
  let chars = 0;
  for (const piece of sorted) {
    // A batch is as wide as its longest (last) piece times its count.
    const width = Math.max(chars, piece.text.length * (current.length + 1));
    if (current.length > 0 && (current.length >= BATCH_SIZE || width > BATCH_CHARS)) {
      groups.push(current);
      current = [];
    }
    current.push(piece);
    chars = piece.text.length * current.length;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

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
      const all: Piece[] = texts.flatMap((text, owner) =>
        pieces(text).map((piece) => ({ text: piece, owner, weight: piece.split(/\s+/).length })),
      );
      // Every text's vector is a row of one buffer: tens of thousands of small buffers (a first start
      // embeds ~60,000 texts at 1,000 articles) cost twice their size, and outlived the build as garbage.
      let vectors: Float32Array | undefined;
      let dims = 0;
      for (const batch of batches(all)) {
        const output = await extractor(
          batch.map((p) => p.text),
          { pooling: 'mean', normalize: false },
        );
        const rows = output.dims[0] as number;
        dims = output.dims[1] as number;
        vectors ??= new Float32Array(texts.length * dims);
        const data = output.data as Float32Array;
        for (let row = 0; row < rows; row++) {
          const { owner, weight } = batch[row]!;
          for (let d = 0; d < dims; d++) vectors[owner * dims + d]! += weight * data[row * dims + d]!;
        }
        // Let other work (an /ask during a reload) run between model calls.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      return texts.map((_, i) =>
        normalise(vectors?.subarray(i * dims, (i + 1) * dims) ?? new Float32Array(0)),
      );
    },
  };
}
