import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
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
    embed(texts) {
      calls.push([...texts]);
      return Promise.resolve(texts.map((t) => Float32Array.from([t.length, 1, 0])));
    },
  };
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'vectors-'));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

describe('VectorCache', () => {
  it('embeds only texts it has not stored, once each, even when repeated', async () => {
    const cache = await VectorCache.open(dir, 'test/counting');
    const embedder = countingEmbedder();
    const first = await cache.embed(embedder, ['a', 'bb', 'a']);
    expect(first.computed).toBe(2);
    expect(embedder.calls).toEqual([['a', 'bb']]);
    const second = await cache.embed(embedder, ['bb', 'ccc'], ['a', 'bb', 'ccc']);
    expect(second.computed).toBe(1);
    expect(Array.from(second.vectors[0]!)).toEqual([2, 1, 0]);
    expect(embedder.calls).toEqual([['a', 'bb'], ['ccc']]);
  });

  it('survives a restart: a reopened cache embeds nothing it stored', async () => {
    const embedder = countingEmbedder();
    await (await VectorCache.open(dir, 'test/counting')).embed(embedder, ['alpha', 'beta']);
    const reopened = await VectorCache.open(dir, 'test/counting');
    const { vectors, computed } = await reopened.embed(embedder, ['beta', 'alpha']);
    expect(computed).toBe(0);
    expect(Array.from(vectors[1]!)).toEqual([5, 1, 0]);
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('keeps only the vectors of live texts when it writes, so edits do not pile up', async () => {
    const embedder = countingEmbedder();
    const cache = await VectorCache.open(dir, 'test/counting');
    await cache.embed(embedder, ['old paragraph', 'kept']);
    // The paragraph was edited: only the new text is embedded, the old one leaves the file.
    await cache.embed(embedder, ['new paragraph'], ['kept', 'new paragraph']);
    expect(await cache.size()).toBe(2);
    expect((await cache.embed(embedder, ['kept', 'new paragraph'])).computed).toBe(0);
    expect(
      (await cache.embed(embedder, ['old paragraph'], ['kept', 'new paragraph', 'old paragraph'])).computed,
    ).toBe(1);
  });

  it('keeps one file per model and per knowledge folder, so neither ever mixes or evicts the other', async () => {
    const embedder = countingEmbedder();
    await (await VectorCache.open(dir, 'org/model-a', '/kb/one')).embed(embedder, ['x']);
    expect(
      (await (await VectorCache.open(dir, 'org/model-b', '/kb/one')).embed(embedder, ['x'])).computed,
    ).toBe(1);
    const other = await VectorCache.open(dir, 'org/model-a', '/kb/two');
    expect((await other.embed(embedder, ['y'])).computed).toBe(1);
    expect(
      (await (await VectorCache.open(dir, 'org/model-a', '/kb/one')).embed(embedder, ['x'])).computed,
    ).toBe(0);
  });

  it('starts empty instead of failing when the cache file is corrupt or truncated', async () => {
    const cache = await VectorCache.open(dir, 'test/counting');
    await writeFile(cache.file, 'garbage');
    expect(await cache.size()).toBe(0);
    expect((await cache.embed(countingEmbedder(), ['x', 'yy'])).computed).toBe(2);
    const bytes = await readFile(cache.file);
    await writeFile(cache.file, bytes.subarray(0, bytes.length - 3));
    expect(await cache.size()).toBe(0);
    expect((await cache.embed(countingEmbedder(), ['x'])).computed).toBe(1);
  });

  it('still returns the vectors, and says why, when the file cannot be written', async () => {
    const notAFolder = path.join(dir, 'file');
    await writeFile(notAFolder, 'x');
    const cache = await VectorCache.open(path.join(notAFolder, 'vectors'), 'test/counting');
    const result = await cache.embed(countingEmbedder(), ['alpha']);
    expect(Array.from(result.vectors[0]!)).toEqual([5, 1, 0]);
    expect((result.writeError as NodeJS.ErrnoException).code).toBe('ENOTDIR');
  });
});
