import { pipeline } from '@xenova/transformers';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { dot, normalise, type Embedder } from '../../src/embedding/embedder.js';
import {
  BATCH_CHARS,
  batches,
  MAX_PIECE_CHARS,
  pieces,
  type Piece,
} from '../../src/embedding/transformers-embedder.js';
import { openEmbedder } from '../../src/engine/open-library.js';

const SENTENCE = 'The harbour reopened on Monday after the storm wrecked its outer wall. ';

let embedder: Embedder;
beforeAll(async () => {
  embedder = await openEmbedder(loadConfig({}));
});

describe('pieces', () => {
  it('cuts a long text at spaces into pieces no longer than the limit, losing no word', () => {
    const long = SENTENCE.repeat(1_500);
    const found = pieces(long);
    expect(found.length).toBeGreaterThan(long.length / MAX_PIECE_CHARS);
    for (const piece of found) expect(piece.length).toBeLessThanOrEqual(MAX_PIECE_CHARS);
    expect(found.join(' ').split(/\s+/)).toEqual(long.trim().split(/\s+/));
  });

  it('leaves a short text whole', () => {
    expect(pieces(SENTENCE)).toEqual([SENTENCE]);
  });
});

describe('batches', () => {
  it('pads no batch beyond the limit when one text among 40 is 100,000 characters long', () => {
    const texts = [
      ...Array.from({ length: 39 }, (_, i) => `Paragraph ${i}: the council met and voted on the budget.`),
      SENTENCE.repeat(Math.ceil(100_000 / SENTENCE.length)),
    ];
    const all: Piece[] = texts.flatMap((text, owner) =>
      pieces(text).map((piece) => ({ text: piece, owner, weight: 1 })),
    );
    const groups = batches(all);
    // What the model is asked to compute: every batch padded to its longest piece.
    const padded = groups.map((group) => group.length * Math.max(...group.map((p) => p.text.length)));
    for (const size of padded) expect(size).toBeLessThanOrEqual(Math.max(BATCH_CHARS, MAX_PIECE_CHARS));
    const real = texts.reduce((sum, text) => sum + text.length, 0);
    expect(padded.reduce((a, b) => a + b, 0)).toBeLessThan(1.1 * real);
    expect(
      groups
        .flat()
        .map((p) => p.text)
        .sort(),
    ).toEqual(all.map((p) => p.text).sort());
  });
});

describe('embed', () => {
  it('gives a long text of varied sentences the vector the model gives the whole text', async () => {
    // The default model mean-pools static word vectors, so pieces weighted by their words make the whole.
    const long = Array.from(
      { length: 60 },
      (_, i) =>
        `Councillor ${['Okafor', 'Brennan', 'Dubois'][i % 3]} said the ${['ferry', 'bridge', 'library', 'school'][i % 4]} ` +
        `would cost ${i + 2} million pounds and open in ${['spring', 'summer', 'autumn'][i % 3]}.`,
    ).join(' ');
    expect(pieces(long).length).toBeGreaterThan(2);
    const [pieced] = await embedder.embed([long]);
    const extractor = await pipeline('feature-extraction', embedder.modelId, { quantized: true });
    const whole = await extractor(long, { pooling: 'mean', normalize: false });
    expect(dot(pieced!, normalise(whole.data as Float32Array))).toBeGreaterThan(0.999);
  });

  it('embeds a 100,000-character paragraph by pieces, to the vector its words average to', async () => {
    const long = SENTENCE.repeat(Math.ceil(100_000 / SENTENCE.length));
    const [one, many] = await embedder.embed([SENTENCE, long]);
    // The same sentence over and over means what the sentence means.
    expect(dot(one!, many!)).toBeGreaterThan(0.99);
  });

  it('gives each text its own vector whatever else is in the batch, long or short', async () => {
    const texts = ['Fishermen lost catches.', SENTENCE.repeat(300), 'The council cut library hours.'];
    const together = await embedder.embed(texts);
    for (const [i, text] of texts.entries()) {
      const [alone] = await embedder.embed([text]);
      expect(dot(alone!, together[i]!)).toBeCloseTo(1, 5);
    }
  });
});
