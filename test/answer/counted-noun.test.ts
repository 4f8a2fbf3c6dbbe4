import { describe, expect, it } from 'vitest';
import { articleEvidence, articleWords } from '../../src/answer/article-evidence.js';
import { countedWords, countsAny } from '../../src/answer/counted-noun.js';
import { HybridRetriever, RANKING_WEIGHTS, type QueryVectors } from '../../src/answer/retrieve.js';
import { TermVectors } from '../../src/answer/term-vectors.js';
import { stem } from '../../src/answer/text-terms.js';
import { parseArticle } from '../../src/knowledge/parse-article.js';

describe('countedWords', () => {
  it('gives what "how many" counts, and nothing for other questions', () => {
    expect(countedWords('How many fire crew members were at the school?')).toEqual([
      'fire',
      'crew',
      'members',
    ]);
    expect(countedWords('How much did it cost?')).toEqual([]);
    expect(countedWords('Who runs the ferries?')).toEqual([]);
  });
});

describe('countsAny', () => {
  it('finds a number beside a counted word, on either side', () => {
    const counted = new Set([stem('boats')]);
    expect(countsAny('the firm runs 40 boats'.split(' '), counted)).toBe(true);
    expect(countsAny('a fleet of boats numbering 40'.split(' '), counted)).toBe(true);
    expect(countsAny('boats sail to the 40 islands in the far north'.split(' '), counted)).toBe(false);
  });
});

// A made-up story with the same words and number in two paragraphs: only the second counts the boats.
const article = parseArticle(
  'ferry.md',
  new TextEncoder().encode(`---
title: Ferry news
source: Test
date: 2024-01-01
---

Tarrow Ferries runs boats from the mainland to 40 islands.

Tarrow Ferries runs 40 boats from the mainland to the islands.
`),
);
const vectors = [Float32Array.from([1, 0]), Float32Array.from([1, 0])];
const query: QueryVectors = { question: Float32Array.from([1, 0]), words: new Map() };
const top = (counted: number) =>
  new HybridRetriever(
    [articleEvidence(article, articleWords(article), vectors, vectors)],
    [],
    TermVectors.fromVectors(new Map()),
    { weights: { ...RANKING_WEIGHTS, related: 0, denseContent: 0, counted } },
  ).rank('How many boats does Tarrow Ferries run to the islands?', query).paragraphs[0]!.paragraph.number;

describe('HybridRetriever.rank, a "how many" question', () => {
  it('raises the sentence whose number counts what is asked about', () => {
    expect(top(0)).toBe(1);
    expect(top(RANKING_WEIGHTS.counted)).toBe(2);
  });
});
