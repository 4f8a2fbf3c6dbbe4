import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Embedder } from '../../src/embedding/embedder.js';
import { VectorCache } from '../../src/embedding/vector-cache.js';

/** Counts what it is asked to embed: the point of these tests is how often the model runs. */
function countingEmbedder(): Embedder & { calls: string[][] } {
  const calls: string[][] = [];
  return {
    modelId: 'test/counting',
    calls,
    async embed(texts) {
      calls.push([...texts]);
      return texts.map((t) => Float32Array.from([t.length, 1, 0]));
    },
  };
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'vectors-'));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

describe('VectorCache', () => {
  it('embeds only texts it has not seen, once each, even when repeated', async () => {
    const cache = await VectorCache.open(dir, 'test/counting');
    const embedder = countingEmbedder();
    const first = await cache.embed(embedder, ['a', 'bb', 'a']);
    expect(first.computed).toBe(2);
    expect(embedder.calls).toEqual([['a', 'bb']]);
    const second = await cache.embed(embedder, ['bb', 'ccc']);
    expect(second.computed).toBe(1);
    expect(Array.from(second.vectors[0]!)).toEqual([2, 1, 0]);
  });

  it('survives a restart: a reopened cache embeds nothing it saved', async () => {
    const embedder = countingEmbedder();
    const cache = await VectorCache.open(dir, 'test/counting');
    await cache.embed(embedder, ['alpha', 'beta']);
    await cache.save();
    const reopened = await VectorCache.open(dir, 'test/counting');
    const { vectors, computed } = await reopened.embed(embedder, ['beta', 'alpha']);
    expect(computed).toBe(0);
    expect(Array.from(vectors[1]!)).toEqual([5, 1, 0]);
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('keeps one file per model, so switching models never mixes vectors', async () => {
    const embedder = countingEmbedder();
    const a = await VectorCache.open(dir, 'org/model-a');
    await a.embed(embedder, ['x']);
    await a.save();
    const b = await VectorCache.open(dir, 'org/model-b');
    expect((await b.embed(embedder, ['x'])).computed).toBe(1);
  });

  it('starts empty instead of failing when the cache file is corrupt', async () => {
    const cache = await VectorCache.open(dir, 'test/counting');
    await writeFile(cache.file, 'garbage');
    const reopened = await VectorCache.open(dir, 'test/counting');
    expect(reopened.size).toBe(0);
    expect((await reopened.embed(countingEmbedder(), ['x'])).computed).toBe(1);
  });
});
