import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { AutoTokenizer, env, pipeline, type FeatureExtractionPipeline } from '@xenova/transformers';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_MODEL_ID, ensureDefaultModel } from '../../src/embedding/default-model.js';
import onnxProto from 'onnx-proto';
import { buildGloveModel } from '../../src/embedding/glove-model.js';

// The model test/global-setup.ts built; loaded exactly as the product loads it.
const MODELS_DIR = '.cache/models';
env.allowRemoteModels = false;
env.localModelPath = `${MODELS_DIR}/`;

let float: FeatureExtractionPipeline;
let quantized: FeatureExtractionPipeline;
let scratch: string;

beforeAll(async () => {
  float = await pipeline('feature-extraction', DEFAULT_MODEL_ID, { quantized: false });
  quantized = await pipeline('feature-extraction', DEFAULT_MODEL_ID, { quantized: true });
  scratch = await mkdtemp(join(tmpdir(), 'glove-model-'));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

async function embed(extractor: FeatureExtractionPipeline, texts: string[]): Promise<Float32Array[]> {
  const output = await extractor(texts, { pooling: 'mean', normalize: false });
  const [rows, width] = output.dims as [number, number];
  const data = output.data as Float32Array;
  return Array.from({ length: rows }, (_, i) => data.slice(i * width, (i + 1) * width));
}

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    aa += a[i]! * a[i]!;
    bb += b[i]! * b[i]!;
  }
  return dot / Math.sqrt(aa * bb);
}

async function fileHashes(dir: string): Promise<Record<string, string>> {
  const hashes: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    hashes[relative(dir, path)] = createHash('sha256')
      .update(await readFile(path))
      .digest('hex');
  }
  return hashes;
}

describe('default GloVe SIF model through the transformers.js pipeline', () => {
  it('loads offline in both float and int8 form and yields 100-d vectors', async () => {
    const [f] = await embed(float, ['missile test']);
    const [q] = await embed(quantized, ['missile test']);
    expect(f).toHaveLength(100);
    expect(q).toHaveLength(100);
  });

  it('scores related sentences above unrelated ones', async () => {
    const [missile, rocket, pizza] = await embed(quantized, [
      'missile test',
      'rocket launch',
      'pizza topping',
    ]);
    expect(cosine(missile!, rocket!)).toBeGreaterThan(cosine(missile!, pizza!) + 0.3);

    const [fired, launched, rates] = await embed(quantized, [
      'North Korea fired a ballistic missile',
      'Pyongyang launched a rocket over the sea',
      'The bank raised interest rates',
    ]);
    expect(cosine(fired!, launched!)).toBeGreaterThan(cosine(fired!, rates!));
  });

  it('pools texts with no known content word to an all-zero vector, not NaN', async () => {
    for (const extractor of [float, quantized]) {
      const vectors = await embed(extractor, [
        'the of and to with',
        'zxqvbn qwpflk',
        '',
        '!!! ...',
        'real words here',
      ]);
      for (const vector of vectors.slice(0, 4)) expect(Array.from(vector).every((x) => x === 0)).toBe(true);
      expect(vectors[4]!.some((x) => x !== 0)).toBe(true);
    }
  });

  it('gives int8 vectors that agree with the float ones', async () => {
    const texts = [
      'President Donald Trump said he would be honoured to meet North Korean leader Kim Jong Un.',
      'Human rights groups say a meeting would only legitimise the regime.',
      'The US and its allies have tried diplomatic overtures and punitive sanctions.',
      'pizza topping',
    ];
    const f = await embed(float, texts);
    const q = await embed(quantized, texts);
    for (let i = 0; i < texts.length; i++) expect(cosine(f[i]!, q[i]!)).toBeGreaterThan(0.99);
  });

  it('runs without transformers.js warning about inputs the model does not take', async () => {
    const warn = vi.spyOn(console, 'warn');
    try {
      await embed(quantized, ['a question', 'a somewhat longer second question']);
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });
});

describe('whole-word tokenizer', () => {
  it('lowercases, strips accents, splits on punctuation and maps unknown words to [UNK] whole', async () => {
    const tokenizer = await AutoTokenizer.from_pretrained(DEFAULT_MODEL_ID);
    const tokens = (text: string) =>
      tokenizer.model.convert_ids_to_tokens(
        Array.from(tokenizer(text).input_ids.data as BigInt64Array, (id) => Number(id)),
      );
    expect(tokens('Café ZÜRICH')).toEqual(['[CLS]', 'cafe', 'zurich', '[SEP]']);
    expect(tokens("Kim Jong-un's")).toEqual(['[CLS]', 'kim', 'jong', '-', 'un', "'", '[UNK]', '[SEP]']);
    // No "##" pieces: an unknown word never turns into known fragments.
    expect(tokens('missileness')).toEqual(['[CLS]', '[UNK]', '[SEP]']);
    expect(Object.keys(tokenizer('text'))).toEqual(['input_ids', 'attention_mask']);
  });
});

describe('building the model', () => {
  it('keeps the most frequent words the tokenizer can reach whole, weighting rarer ones more', async () => {
    // A miniature vectors file in the package's layout (pretty-printed, so whitespace is exercised too).
    const vectors = {
      precision: 8,
      l2NormIndex: 2,
      wordIndex: 3,
      size: 7,
      dimensions: 2,
      words: ['the', '"', 'café', 'cafe', 'cross-country', 'missile', 'rocket'],
      vectors: {
        the: [1, 1, 1.41421356, 0],
        '"': [2, 2, 2.82842712, 1],
        café: [3, 0, 3, 2],
        cafe: [0, 3, 3, 3],
        'cross-country': [1, 2, 2.23606798, 4],
        missile: [0.5, -0.5, 0.70710678, 5],
        rocket: [9, 9, 12.72792206, 6],
      },
      unkVector: [0, 0, -1],
    };
    const source = join(scratch, 'mini-vectors.json');
    await writeFile(source, JSON.stringify(vectors, null, 1));
    const out = join(scratch, 'mini');
    await buildGloveModel(out, { sourcePath: source, vocabSize: 4 });

    const tokenizer = JSON.parse(await readFile(join(out, 'tokenizer.json'), 'utf8')) as {
      model: { vocab: Record<string, number> };
    };
    // Accents stripped (the more frequent spelling wins), hyphenated words dropped, the rest cut at 4.
    expect(tokenizer.model.vocab).toEqual({
      '[PAD]': 0,
      '[UNK]': 1,
      '[CLS]': 2,
      '[SEP]': 3,
      the: 4,
      '"': 5,
      cafe: 6,
      missile: 7,
    });

    const model = onnxProto.onnx.ModelProto.decode(await readFile(join(out, 'onnx', 'model.onnx')));
    const raw = model.graph?.initializer?.find((t) => t.name === 'embeddings')?.rawData;
    if (!raw) throw new Error('model.onnx has no embeddings table');
    const table = new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
    const row = (id: number) => Array.from(table.subarray(id * 2, id * 2 + 2));
    // Special tokens, stop words and punctuation add nothing to a pooled sum.
    for (const id of [0, 1, 2, 3, 4, 5]) expect(row(id)).toEqual([0, 0]);
    const weightOf = (id: number, vector: [number, number]) => {
      const weight = row(id)[0]! / vector[0];
      expect(row(id)[1]).toBeCloseTo(weight * vector[1], 6);
      return weight;
    };
    const cafeWeight = weightOf(6, [3, 0]);
    const missileWeight = weightOf(7, [0.5, -0.5]);
    expect(cafeWeight).toBeGreaterThan(0);
    expect(missileWeight).toBeGreaterThan(cafeWeight);
    expect(missileWeight).toBeLessThan(1);
  });

  // A small vocabulary keeps these builds quick; the concurrent test below makes the one full build.
  const SMALL = { vocabSize: 2_000 };

  it('writes byte-identical files when built twice', async () => {
    await buildGloveModel(join(scratch, 'first'), SMALL);
    await buildGloveModel(join(scratch, 'second'), SMALL);
    const first = await fileHashes(join(scratch, 'first'));
    expect(Object.keys(first).sort()).toEqual([
      'config.json',
      'onnx/model.onnx',
      'onnx/model_quantized.onnx',
      'tokenizer.json',
      'tokenizer_config.json',
    ]);
    expect(await fileHashes(join(scratch, 'second'))).toEqual(first);
  });

  it('lets two concurrent ensureDefaultModel calls share one complete folder', async () => {
    const modelsDir = join(scratch, 'concurrent');
    const [a, b] = await Promise.all([ensureDefaultModel(modelsDir), ensureDefaultModel(modelsDir)]);
    expect(a).toBe(join(modelsDir, DEFAULT_MODEL_ID));
    expect(b).toBe(a);
    expect(await readdir(join(modelsDir, 'local'))).toEqual(['glove-6b-100d-sif']);
    expect(Object.keys(await fileHashes(a)).sort()).toContain('onnx/model_quantized.onnx');
  });

  it('replaces a folder made by an older builder and reuses a current one', async () => {
    const modelsDir = join(scratch, 'stale');
    const target = join(modelsDir, DEFAULT_MODEL_ID);
    await mkdir(target, { recursive: true });
    // What builders before the manifest left: a stamp, no manifest.
    await writeFile(join(target, 'build-stamp.json'), '{"builder":1}\n');
    await writeFile(join(target, 'leftover.txt'), 'from the old builder');

    expect(await ensureDefaultModel(modelsDir, SMALL)).toBe(target);
    const files = Object.keys(await fileHashes(target));
    expect(files).not.toContain('leftover.txt');
    expect(files).not.toContain('build-stamp.json');
    expect(files).toContain('onnx/model.onnx');
    expect(await readdir(join(modelsDir, 'local'))).toEqual(['glove-6b-100d-sif']);

    const manifest = await readFile(join(target, 'build-manifest.json'), 'utf8');
    const built = (await stat(join(target, 'onnx/model.onnx'))).mtimeMs;
    await ensureDefaultModel(modelsDir, SMALL);
    // Reused, not rebuilt: a timing check would flake on a busy machine; the file's mtime does not.
    expect((await stat(join(target, 'onnx/model.onnx'))).mtimeMs).toBe(built);
    expect(await readFile(join(target, 'build-manifest.json'), 'utf8')).toBe(manifest);
  });
});
