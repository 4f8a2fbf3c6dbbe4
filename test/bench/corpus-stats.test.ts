import { describe, expect, it } from 'vitest';
import { corpusStats, fitHeaps } from '../../src/bench/corpus-stats.js';

describe('corpusStats', () => {
  it('counts words case folded, distinct paragraphs and mean lengths', () => {
    const stats = corpusStats([
      ['The harbour reopened.', 'Boats returned, the harbour master said.'],
      ['The harbour reopened.'],
    ]);
    expect(stats).toMatchObject({
      articles: 2,
      paragraphs: 3,
      distinctParagraphs: 2,
      totalWords: 12,
      // the harbour reopened boats returned master said
      distinctWords: 7,
      meanParagraphWords: 4,
      meanArticleWords: 6,
      heaps: null,
    });
  });

  it('shows a loop of one article for what it is: paragraphs repeat and the vocabulary stops growing', () => {
    const article = Array.from(
      { length: 10 },
      (_, p) =>
        `Paragraph ${p} ` +
        Array.from({ length: 40 }, (_, w) => `word${String.fromCharCode(97 + ((p * 7 + w) % 26))}x`).join(
          ' ',
        ),
    );
    const loop = corpusStats(Array.from({ length: 100 }, () => article));
    expect(loop.distinctParagraphs).toBe(10);
    expect(loop.heaps!.beta).toBeLessThan(0.1);
  });

  it('fits a vocabulary growing as a power of the text near that power', () => {
    // Word i is new whenever floor(sqrt(i)) moves on: distinct words ≈ sqrt(total words).
    const words = Array.from({ length: 200_000 }, (_, i) =>
      `w${Math.floor(Math.sqrt(i))}`.replace(/\d/g, (d) => 'abcdefghij'[Number(d)]!),
    );
    const paragraphs = [];
    for (let i = 0; i < words.length; i += 50) paragraphs.push(words.slice(i, i + 50).join(' '));
    const stats = corpusStats([paragraphs]);
    expect(stats.heaps!.beta).toBeCloseTo(0.5, 1);
  });
});

describe('fitHeaps', () => {
  it('recovers k and beta from exact points', () => {
    const points = [1e3, 1e4, 1e5, 1e6].map((n): [number, number] => [n, 3 * n ** 0.6]);
    const fit = fitHeaps(points)!;
    expect(fit.beta).toBeCloseTo(0.6, 6);
    expect(fit.k).toBeCloseTo(3, 6);
    expect(fit.prefixes).toBe(4);
  });

  it('gives nothing for fewer than two points or a single size', () => {
    expect(fitHeaps([[100, 50]])).toBeNull();
    expect(
      fitHeaps([
        [100, 50],
        [100, 50],
      ]),
    ).toBeNull();
  });
});
