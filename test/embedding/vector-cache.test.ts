import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { normalise, type Embedder } from '../../src/embedding/embedder.js';
import { VectorCache } from '../../src/embedding/vector-cache.js';
import { capturingLogger } from './capturing-logger.js';

/** The unit vector the counting embedder gives `text`: a different direction for each length. */
function vectorOf(text: string, dims = 3): Float32Array {
  const vector = new Float32Array(dims);
  vector[0] = text.length;
  vector[1] = 1;
  return normalise(vector);
}

/** Counts what it is asked to embed: the point of these tests is how often the model runs. */
function countingEmbedder(dims = 3): Embedder & { calls: string[][] } {
  const calls: string[][] = [];
  return {
    modelId: 'test/counting',
    calls,
    embed(texts) {
      calls.push([...texts]);
      // Unit vectors, as every Embedder returns: the cache takes anything else for damage.
      return Promise.resolve(texts.map((t) => vectorOf(t, dims)));
    },
  };
}

/** Embeds as vectorOf does, except that the text 'bad' gets `bad`: a writer that was not sound. */
function embedderWithBad(bad: readonly number[]): Embedder {
  return {
    modelId: 'test/counting',
    embed: (texts) => Promise.resolve(texts.map((t) => (t === 'bad' ? Float32Array.from(bad) : vectorOf(t)))),
  };
}

const tempFiles = async () => (await readdir(dir)).filter((name) => name.endsWith('.tmp'));

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
    expect(second.vectors[0]).toEqual(vectorOf('bb'));
    expect(embedder.calls).toEqual([['a', 'bb'], ['ccc']]);
  });

  it('survives a restart: a reopened cache embeds nothing it stored', async () => {
    const embedder = countingEmbedder();
    await (await VectorCache.open(dir, 'test/counting')).embed(embedder, ['alpha', 'beta']);
    const reopened = await VectorCache.open(dir, 'test/counting');
    const { vectors, computed } = await reopened.embed(embedder, ['beta', 'alpha']);
    expect(computed).toBe(0);
    expect(vectors[1]).toEqual(vectorOf('alpha'));
    expect(await tempFiles()).toEqual([]);
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

  it('starts empty instead of failing when the cache file is corrupt or truncated, and logs why', async () => {
    const { logger, warnings } = capturingLogger();
    const cache = await VectorCache.open(dir, 'test/counting', '', logger);
    await writeFile(cache.file, 'garbage');
    expect(await cache.size()).toBe(0);
    expect((await cache.embed(countingEmbedder(), ['x', 'yy'])).computed).toBe(2);
    const bytes = await readFile(cache.file);
    await writeFile(cache.file, bytes.subarray(0, bytes.length - 3));
    expect(await cache.size()).toBe(0);
    expect((await cache.embed(countingEmbedder(), ['x'])).computed).toBe(1);
    expect(warnings().length).toBeGreaterThanOrEqual(2);
    for (const warning of warnings()) expect(warning).toMatchObject({ file: cache.file });
  });

  it('discards a file whose vectors were overwritten with random bytes behind a valid header, says so, and gives the right vectors', async () => {
    const texts = ['alpha', 'beta', 'gamma delta'];
    const { logger, warnings } = capturingLogger();
    const cache = await VectorCache.open(dir, 'test/counting', '', logger);
    await cache.embed(countingEmbedder(), texts);
    // Each record is a 16-byte key then 3 float32s, the records last in the file: keep the keys, ruin the vectors.
    const bytes = await readFile(cache.file);
    const record = 16 + 3 * 4;
    for (let i = 0; i < texts.length; i++) {
      const at = bytes.length - (texts.length - i) * record + 16;
      randomBytes(3 * 4).copy(bytes, at);
    }
    await writeFile(cache.file, bytes);

    const embedder = countingEmbedder();
    const { vectors, computed } = await cache.embed(embedder, texts);
    expect(vectors).toEqual(texts.map((t) => vectorOf(t)));
    expect(computed).toBe(3);
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]).toMatchObject({ file: cache.file });
    expect(warnings()[0]!.msg).toContain(cache.file);
    // Rebuilt: the next call reads the rewritten file without complaint.
    expect((await cache.embed(embedder, texts)).computed).toBe(0);
    expect(warnings()).toHaveLength(1);
  });

  it.each([
    ['not unit length', [2, 0, 0]],
    ['not finite', [Number.NaN, 0, 0]],
  ])('discards a file holding a vector that is %s, though written whole', async (_, bad) => {
    const broken = embedderWithBad(bad);
    const { logger, warnings } = capturingLogger();
    const cache = await VectorCache.open(dir, 'test/counting', '', logger);
    await cache.embed(broken, ['good', 'bad']);

    const { vectors, computed } = await cache.embed(countingEmbedder(), ['good', 'bad']);
    expect(computed).toBe(2);
    expect(vectors).toEqual([vectorOf('good'), vectorOf('bad')]);
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]!.msg).toContain(cache.file);
  });

  it('checks only the vectors asked for when it has nothing to write, and the others when they are asked for', async () => {
    const broken = embedderWithBad([2, 0, 0]);
    const { logger, warnings } = capturingLogger();
    const cache = await VectorCache.open(dir, 'test/counting', '', logger);
    await cache.embed(broken, ['good', 'bad']);

    // A follower reading one article's vectors from a file of thousands picks out only those.
    const alone = await cache.embed(countingEmbedder(), ['good']);
    expect(alone).toEqual({ vectors: [vectorOf('good')], computed: 0 });
    expect(warnings()).toEqual([]);
    const both = await cache.embed(countingEmbedder(), ['good', 'bad']);
    expect(both.computed).toBe(2);
    expect(both.vectors).toEqual([vectorOf('good'), vectorOf('bad')]);
    expect(warnings()).toHaveLength(1);
  });

  it('checks the stored vectors it copies into a rewrite, and copies none when one is unsound', async () => {
    const broken = embedderWithBad([2, 0, 0]);
    const { logger, warnings } = capturingLogger();
    const cache = await VectorCache.open(dir, 'test/counting', '', logger);
    await cache.embed(broken, ['good', 'bad']);

    // A reload embedding one new text rewrites the file with every live text's vector.
    const added = await cache.embed(countingEmbedder(), ['new'], ['good', 'bad', 'new']);
    expect(added).toEqual({ vectors: [vectorOf('new')], computed: 1 });
    expect(warnings()).toHaveLength(1);
    expect(await cache.size()).toBe(1);
    const again = await cache.embed(countingEmbedder(), ['good', 'bad', 'new']);
    expect(again.computed).toBe(2);
    expect(again.vectors).toEqual([vectorOf('good'), vectorOf('bad'), vectorOf('new')]);
  });

  it('discards stored vectors of another dimension than the model now gives, and embeds them again', async () => {
    const { logger, warnings } = capturingLogger();
    const cache = await VectorCache.open(dir, 'test/counting', '', logger);
    await cache.embed(countingEmbedder(3), ['old text']);
    const { vectors, computed } = await cache.embed(countingEmbedder(4), ['old text', 'new text']);
    expect(computed).toBe(2);
    expect(vectors).toEqual([vectorOf('old text', 4), vectorOf('new text', 4)]);
    expect(warnings()).toHaveLength(1);
    expect((await cache.embed(countingEmbedder(4), ['old text', 'new text'])).computed).toBe(0);
  });

  it('replaces a file of the previous format with a note, not a warning', async () => {
    const { logger, lines, warnings } = capturingLogger();
    const cache = await VectorCache.open(dir, 'test/counting', '', logger);
    const old = Buffer.alloc(12 + 16 + 12);
    old.write('VEC1', 0, 'latin1');
    old.writeUInt32LE(3, 4);
    old.writeUInt32LE(1, 8);
    await writeFile(cache.file, old);
    expect((await cache.embed(countingEmbedder(), ['x'])).computed).toBe(1);
    expect(warnings()).toEqual([]);
    expect(lines.map((line) => line.msg).join('\n')).toContain(cache.file);
    expect(await cache.size()).toBe(1);
  });

  it('leaves no temporary file when the final rename fails', async () => {
    const cache = await VectorCache.open(dir, 'test/counting');
    // A folder where the file should go: the temporary file is written, the rename onto it fails.
    await mkdir(cache.file);
    const result = await cache.embed(countingEmbedder(), ['alpha']);
    expect(result.vectors[0]).toEqual(vectorOf('alpha'));
    expect(result.writeError).toBeDefined();
    expect(await tempFiles()).toEqual([]);
  });

  it('still returns the vectors, and says why, when the file cannot be written', async () => {
    const notAFolder = path.join(dir, 'file');
    await writeFile(notAFolder, 'x');
    const cache = await VectorCache.open(path.join(notAFolder, 'vectors'), 'test/counting');
    const result = await cache.embed(countingEmbedder(), ['alpha']);
    expect(result.vectors[0]).toEqual(vectorOf('alpha'));
    expect((result.writeError as NodeJS.ErrnoException).code).toBe('ENOTDIR');
  });
});
