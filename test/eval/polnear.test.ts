import { beforeAll, describe, expect, it } from 'vitest';
import {
  overlap,
  parseBrat,
  readPolnear,
  scorePolnear,
  sourceName,
  type PolnearSplit,
} from '../../src/eval/polnear.js';
import { buildQuoteIndex, type IndexedQuote, type QuoteIndex } from '../../src/quotes/quote-index.js';

// A made-up article in PolNeAR's layout (text/ and attributions/ with BRAT standoff files, two annotators).
const FIXTURE = 'test/fixtures/polnear-format';
const DOC = 'coast-courier-2024-03-05-harbour-board-backs-pier';

let split: PolnearSplit;

beforeAll(async () => {
  split = await readPolnear(FIXTURE);
});

/** An index holding only `quotes`, for scoring cases the real engine is not the point of. */
function indexOf(quotes: Omit<IndexedQuote, 'id' | 'doc' | 'context' | 'sentenceIds'>[]): QuoteIndex {
  const full = quotes.map((q) => ({
    ...q,
    id: `${DOC}#${q.paragraph}`,
    doc: DOC,
    context: q.text,
    sentenceIds: [],
  }));
  const names = [...new Set(full.flatMap((q) => (q.speaker ? [q.speaker] : [])))];
  return {
    people: names.map((canonical) => ({
      canonical,
      kind: 'person',
      aliases: [canonical, canonical.split(' ').pop()!],
      role: null,
      mentions: [],
      mentionedIn: full.filter((q) => q.speaker === canonical).map((q) => q.id),
      spoke: [],
      quoteCount: full.filter((q) => q.speaker === canonical).length,
    })),
    quotes: full,
    lookup: (name) => ({ query: name, speaker: null, quotes: [], mentioned: [], suggestions: [] }),
    suggest: () => [],
    analyses: new Map(),
  };
}

describe('reading a PolNeAR split', () => {
  it('reads BRAT spans, discontinuous ranges and attributions with or without a source', () => {
    const { spans, attributions } = parseBrat(
      'T1\tSource 0 3\tAna\nT2\tContent 10 14;20 25\tword word\n#1\tAnnotatorNotes T1\tnote\n' +
        'E1\tAttribution:T3 Content:T2 Cue:T4 Source:T1\nE2\tAttribution-no-source:T5 Content:T6 Cue:T7\n',
    );
    expect(spans.get('T2')).toEqual({
      type: 'Content',
      ranges: [
        [10, 14],
        [20, 25],
      ],
    });
    expect(attributions).toEqual([
      { id: 'E1', source: 'T1', cue: 'T4', content: ['T2'] },
      { id: 'E2', source: null, cue: 'T7', content: ['T6'] },
    ]);
  });

  it('reads the first annotator in sort order and keeps each line of the text as a paragraph', () => {
    expect(split.annotations.get(DOC)).toMatch(/_a111\.ann$/u);
    const [article] = split.articles;
    expect(article?.title).toBe('Harbour board backs a second ferry pier.');
    expect(article?.paragraphs).toHaveLength(7);
  });

  it('takes a direct quote with a named source as gold, under the name without its title', () => {
    expect(split.gold.map((g) => [g.speaker, g.text, g.paragraphs])).toEqual([
      ['Ana Ruiz', 'This pier will pay for itself within ten years', [2]],
      ['Tom Becker', 'We will find the money without raising fees', [5]],
      ['Tom Becker', 'The pier is overdue … and the boats are waiting', [7]],
    ]);
    expect(split.gold[2]?.forms).toEqual(['Tom Becker', 'Becker']);
  });

  it('leaves out a pronoun source nothing links to a name, and an unnamed description, counting them', () => {
    expect(split.unnamed.map((u) => [u.reason, u.text])).toEqual([
      ['pronoun', 'We cannot keep turning boats away every summer.'],
      ['description', 'a waste of harbour money.'],
    ]);
    expect(split.indirect).toBe(1);
  });

  it('finds the name a source span gives, or says why it gives none', () => {
    const text = 'Officials met. He spoke.';
    expect(sourceName('Senate Majority Leader Jane Roe, R-Ky.,', text, false)).toEqual({ name: 'Jane Roe' });
    expect(sourceName('Secretary of State Jane Roe', text, false)).toEqual({ name: 'Jane Roe' });
    expect(sourceName('the Port Ellis Harbour Board', text, true)).toEqual({
      name: 'Port Ellis Harbour Board',
    });
    expect(sourceName('aides to Roe', text, false)).toEqual({ reason: 'description' });
    expect(sourceName('Roe’s campaign', text, false)).toEqual({ reason: 'description' });
    expect(sourceName('He', text, true)).toEqual({ reason: 'pronoun' });
  });
});

describe('scoring /quote on it', () => {
  it('counts two quotes as one when they share at least half the shorter one’s words', () => {
    expect(overlap('We will find the money', 'We will find the money without raising fees')).toBe(1);
    expect(overlap('the money', 'We will find the money without raising fees')).toBe(1);
    expect(overlap('money', 'We will find the money')).toBe(0);
    expect(overlap('the pier is overdue', 'we will find the money without raising fees')).toBe(0);
  });

  it('counts an overlapping engine quote for the right speaker as found and correct', () => {
    const score = scorePolnear(
      indexOf([
        // Shorter than the gold quote: the engine and the annotators cut quotes differently.
        { text: 'This pier will pay for itself', paragraph: 2, speaker: 'Ana Ruiz' },
        { text: 'We will find the money without raising fees', paragraph: 5, speaker: 'Ana Ruiz' },
        { text: 'We cannot keep turning boats away every summer', paragraph: 3, speaker: 'Ana Ruiz' },
        { text: 'The pier is overdue', paragraph: 7, speaker: null },
      ]),
      split,
    );
    expect(score.found).toBe(1);
    expect([score.correct, score.attributed]).toEqual([1, 2]);
    expect(score.wrong.map((w) => [w.speaker, w.gold.speaker])).toEqual([['Ana Ruiz', 'Tom Becker']]);
    expect(score.misses.map((m) => m.reason)).toEqual(['other speaker', 'quote unattributed']);
    // The pronoun's quote has no named gold: neither right nor wrong.
    expect(score.unnamedCounterpart).toBe(1);
    expect(score.leftOut.get('pronoun')).toBe(1);
  });

  it('scores the real quote index on the article', async () => {
    const score = scorePolnear(await buildQuoteIndex(split.articles), split);
    expect(score.gold).toBe(3);
    expect(score.found).toBeGreaterThanOrEqual(2);
    expect(score.precision).toBe(1);
  });
});
