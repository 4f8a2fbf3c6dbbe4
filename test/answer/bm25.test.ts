import { readFile } from 'node:fs/promises';
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import {
  articlePostings,
  Bm25Corpus,
  type DocumentScores,
  type PlacedPostings,
} from '../../src/answer/bm25.js';
import { indexTerm, words } from '../../src/answer/text-terms.js';
import { loadKnowledge } from '../../src/knowledge/load-knowledge.js';

// The reference is MiniSearch, whose BM25+ this reproduces so that rankings did not move when it was
// replaced: same articles, same questions, same scores for every sentence and paragraph.
const articles = [
  ...(await loadKnowledge('knowledge')),
  ...(await loadKnowledge('test/fixtures/heldout-style')),
];
const dev = JSON.parse(await readFile('test/fixtures/calibration/seed-calibration.json', 'utf8')) as {
  ask: { q: string }[];
};
const questions = [
  ...dev.ask.map((a) => a.q),
  'What did the union say about pay?',
  'Who met whom, and where did they meet?',
  'the the the',
  'strike strike strike talks',
];

const sentenceTexts = articles.flatMap((a) =>
  a.paragraphs.flatMap((p) => p.sentences.map((s) => words(s.text).join(' '))),
);
const paragraphTexts = articles.flatMap((a) =>
  a.paragraphs.map((p) =>
    p.sentences
      .map((s) => words(s.text).join(' '))
      .filter((w) => w !== '')
      .join(' '),
  ),
);

function reference(texts: string[]): (q: string) => Map<number, number> {
  const search = new MiniSearch<{ id: number; text: string }>({
    fields: ['text'],
    tokenize: (text) => (text === '' ? [] : text.split(' ')),
    processTerm: indexTerm,
    searchOptions: { tokenize: words, processTerm: indexTerm },
  });
  search.addAll(texts.map((text, id) => ({ id, text })));
  return (q) =>
    new Map(
      search
        .search(q, { combineWith: 'OR', prefix: false, fuzzy: false })
        .map((r) => [r.id as number, r.score]),
    );
}

function corpus(): Bm25Corpus {
  const placed: PlacedPostings[] = [];
  let sentenceStart = 0;
  let paragraphStart = 0;
  for (const article of articles) {
    const sentenceWords = article.paragraphs.flatMap((p) => p.sentences.map((s) => words(s.text).join(' ')));
    const postings = articlePostings(
      sentenceWords,
      article.paragraphs.map((p) => p.sentences.length),
    );
    placed.push({ postings, sentenceStart, paragraphStart });
    sentenceStart += sentenceWords.length;
    paragraphStart += article.paragraphs.length;
  }
  return new Bm25Corpus(placed);
}

function expectSameScores({ touched, score }: DocumentScores, expected: Map<number, number>): void {
  expect([...touched].sort((a, b) => a - b)).toEqual([...expected.keys()].sort((a, b) => a - b));
  for (const [at, expectedScore] of expected) expect(score[at]).toBeCloseTo(expectedScore, 9);
}

describe('Bm25Corpus', () => {
  const bm25 = corpus();
  const sentences = reference(sentenceTexts);
  const paragraphs = reference(paragraphTexts);

  it('scores every sentence and paragraph as MiniSearch does, over two articles', () => {
    expect(questions.length).toBeGreaterThan(10);
    for (const q of questions) {
      const scores = bm25.scores(words(q));
      expectSameScores(scores.sentences, sentences(q));
      expectSameScores(scores.paragraphs, paragraphs(q));
    }
  });

  it('finds nothing for stop words or words no article uses', () => {
    const scores = bm25.scores(words('the of and zyxwvut'));
    expect(scores.sentences.touched).toHaveLength(0);
    expect(scores.paragraphs.touched).toHaveLength(0);
  });

  it('counts the paragraphs a term occurs in', () => {
    const term = indexTerm('strike')!;
    const expected = paragraphTexts.filter((t) => t.split(' ').some((w) => indexTerm(w) === term)).length;
    expect(expected).toBeGreaterThan(1);
    expect(bm25.paragraphFrequency(term)).toBe(expected);
    expect(bm25.paragraphFrequency('zyxwvut')).toBe(0);
  });
});
