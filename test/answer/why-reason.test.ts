import { describe, expect, it } from 'vitest';
import { articleEvidence, articleWords } from '../../src/answer/article-evidence.js';
import { HybridRetriever, RANKING_WEIGHTS, type QueryVectors } from '../../src/answer/retrieve.js';
import { TermVectors } from '../../src/answer/term-vectors.js';
import { parseArticle } from '../../src/knowledge/parse-article.js';

// A made-up story: its lede says when the ferry firm lost money ("after"), a later paragraph why
// ("hit by"). Every sentence has the same vector, so only words and answer kinds decide.
const article = parseArticle(
  'ferry.md',
  new TextEncoder().encode(`---
title: Ferry news
source: Test
date: 2024-01-01
---

Tarrow Ferries lost money last year after its new chief took over.

Tarrow Ferries lost money, hit by dearer fuel and a strike.
`),
);
const vectors = [Float32Array.from([1, 0]), Float32Array.from([1, 0])];
const query: QueryVectors = {
  question: Float32Array.from([1, 0]),
  words: new Map(),
};

describe('HybridRetriever.rank, a "why" question', () => {
  it('prefers the sentence giving a cause to the one saying what came after', () => {
    const top = new HybridRetriever(
      [articleEvidence(article, articleWords(article), vectors, vectors)],
      [],
      TermVectors.fromVectors(new Map()),
      { weights: { ...RANKING_WEIGHTS, related: 0, denseContent: 0 } },
    ).rank('Why did Tarrow Ferries lose money?', query).paragraphs[0]!.paragraph.number;
    expect(top).toBe(2);
  });
});
