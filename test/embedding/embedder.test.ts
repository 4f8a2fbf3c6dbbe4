import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { dot, type Embedder } from '../../src/embedding/embedder.js';
import { MAX_PIECE_CHARS, pieces } from '../../src/embedding/transformers-embedder.js';
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

describe('embed', () => {
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
