import { describe, expect, it } from 'vitest';
import { articleEvidence, articleWords } from '../../src/answer/article-evidence.js';
import { HybridRetriever, RANKING_WEIGHTS, type QueryVectors } from '../../src/answer/retrieve.js';
import { TermVectors } from '../../src/answer/term-vectors.js';
import { parseArticle } from '../../src/knowledge/parse-article.js';

// A made-up story whose first sentence names the town, as a lede does, and whose second says what
// became of the staff. Fixed vectors: axis 0 is the town, axis 1 jobs, axis 2 the weather.
const article = parseArticle(
  'harbour.md',
  new TextEncoder().encode(`---
title: Harbour news
source: Test
date: 2024-01-01
---

Brinmoor council shut the old harbour gates at dawn.

Brinmoor council told harbour staff their jobs would go.

Rain is expected across the coast on Friday evening.
`),
);
const unit = (...xs: number[]) => {
  const norm = Math.hypot(...xs);
  return Float32Array.from(xs, (x) => x / norm);
};
const vectors = [unit(1, 0, 0), unit(0.6, 0.8, 0), unit(0, 0, 1)];
// The question as a whole points mostly at the town, as a question naming it does.
const query: QueryVectors = {
  question: unit(0.9, 0.436, 0),
  words: new Map([
    ['brinmoor', unit(1, 0, 0)],
    ['posts', unit(0, 1, 0)],
    ['lost', unit(0, 1, 0)],
  ]),
};
const top = (denseContent: number) =>
  new HybridRetriever(
    [articleEvidence(article, articleWords(article), vectors, vectors)],
    [],
    TermVectors.fromVectors(new Map()),
    // WordNet's relations ("post" is a "job") are tested elsewhere: here the vectors alone decide.
    { weights: { ...RANKING_WEIGHTS, related: 0, denseContent } },
  ).rank('Were Brinmoor posts lost?', query).paragraphs[0]!.paragraph.number;

describe('HybridRetriever.rank, the question without its names', () => {
  it('raises the sentence close to what the question asks about the town, not the one naming it', () => {
    expect(top(0)).toBe(1);
    expect(top(RANKING_WEIGHTS.denseContent)).toBe(2);
  });
});
