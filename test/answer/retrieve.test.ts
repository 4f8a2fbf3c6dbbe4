import { describe, expect, it } from 'vitest';
import { articleEvidence, articleWords } from '../../src/answer/article-evidence.js';
import { HybridRetriever, type QueryVectors } from '../../src/answer/retrieve.js';
import { TermVectors } from '../../src/answer/term-vectors.js';
import { parseArticle } from '../../src/knowledge/parse-article.js';

// Fixed vectors are the point here: they let each kind of evidence be switched on alone.
const article = parseArticle(
  'toy.md',
  new TextEncoder().encode(`---
title: Toy
source: Test
date: 2024-01-01
---

The ferry timetable changes in May.

Lighthouse keepers report calm seas.

Fishermen expect a record herring season.
`),
);
const unit = (i: number) => Float32Array.from([0, 1, 2].map((d) => (d === i ? 1 : 0)));
// Paragraph k and its one sentence point along axis k.
const vectors = [unit(0), unit(1), unit(2)];
const retriever = new HybridRetriever(
  [articleEvidence(article, articleWords(article), vectors, vectors)],
  [],
  TermVectors.fromVectors(new Map()),
);
/** A query pointing along `vector`, with no word vectors: matching by meaning is tested elsewhere. */
const q = (vector: Float32Array): QueryVectors => ({ question: vector, words: new Map() });

describe('HybridRetriever.rank', () => {
  it('ranks by words alone in lexical mode', () => {
    const ranking = retriever.rank('When does the ferry timetable change?', q(unit(2)), 'lexical');
    expect(ranking.paragraphs[0]!.paragraph.number).toBe(1);
  });

  it('ranks by the embedding alone in dense mode', () => {
    const ranking = retriever.rank('When does the ferry timetable change?', q(unit(2)), 'dense');
    expect(ranking.paragraphs[0]!.paragraph.number).toBe(3);
  });

  it('fuses both: agreeing evidence wins, and the dense vote breaks a lexical tie', () => {
    expect(retriever.rank('ferry timetable', q(unit(0))).paragraphs[0]!.paragraph.number).toBe(1);
    const tie = retriever.rank('seas season', q(unit(2)));
    expect(tie.paragraphs[0]!.paragraph.number).toBe(3);
  });

  it('names the words the articles never mention', () => {
    const ranking = retriever.rank('Do Lighthouse keepers in Paris report calm seas?', q(unit(1)));
    expect(ranking.unknownNames).toEqual(['Paris']);
  });

  it('gives a question of unknown words no evidence and no NaN', () => {
    const ranking = retriever.rank('zzz qqq', q(new Float32Array(3)));
    expect(ranking.rarestHeld).toBe(0);
    expect(ranking.bestSentenceSimilarity).toBe(0);
    expect(ranking.paragraphs.every((p) => Number.isFinite(p.score))).toBe(true);
  });
});
