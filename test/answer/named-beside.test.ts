import { describe, expect, it } from 'vitest';
import { articleEvidence, articleWords } from '../../src/answer/article-evidence.js';
import { askedOfPerson, namedBeside } from '../../src/answer/named-beside.js';
import { HybridRetriever, RANKING_WEIGHTS, type QueryVectors } from '../../src/answer/retrieve.js';
import { TermVectors } from '../../src/answer/term-vectors.js';
import { stem } from '../../src/answer/text-terms.js';
import { parseArticle } from '../../src/knowledge/parse-article.js';

describe('askedOfPerson', () => {
  it('gives the first content word after "who"', () => {
    expect(askedOfPerson('Who chairs the ferry company?')).toBe('chairs');
    expect(askedOfPerson("who's the skipper of the boat")).toBe('skipper');
    expect(askedOfPerson('When did the ferry sail?')).toBeUndefined();
  });
});

describe('namedBeside', () => {
  it('finds a capitalised word a few words from an asked word, a sentence-initial one aside', () => {
    const chairs = new Set([stem('chairs')]);
    expect(namedBeside('The board is chaired by Agnes Moor.', new Set([stem('chaired')]))).toBe(true);
    expect(namedBeside('Chairs were stacked in the hall.', chairs)).toBe(false);
  });
});

// A made-up story: both paragraphs praise the ferry's skipper; only the second, longer one puts a name beside
// "skipper". Every sentence has the same vector, so only words and this signal decide.
const article = parseArticle(
  'ferry.md',
  new TextEncoder().encode(`---
title: Ferry news
source: Test
date: 2024-01-01
---

The ferry's skipper was praised by Tarrow.

The ferry was praised by Tarrow, whose skipper Ola Brent has sailed it for a decade.
`),
);
const vectors = [Float32Array.from([1, 0]), Float32Array.from([1, 0])];
const query: QueryVectors = { question: Float32Array.from([1, 0]), words: new Map() };
const top = (named: number) =>
  new HybridRetriever(
    [articleEvidence(article, articleWords(article), vectors, vectors)],
    [],
    TermVectors.fromVectors(new Map()),
    { weights: { ...RANKING_WEIGHTS, related: 0, denseContent: 0, answerKind: 0, named } },
  ).rank('Who is the skipper of the ferry?', query).paragraphs[0]!.paragraph.number;

describe('HybridRetriever.rank, a "who" question', () => {
  it('raises the sentence that names someone beside what is asked of them', () => {
    expect(top(0)).toBe(1);
    expect(top(RANKING_WEIGHTS.named)).toBe(2);
  });
});
