import { describe, expect, it } from 'vitest';
import { countedWords, countsAny } from '../../src/answer/counted-noun.js';
import { RANKING_WEIGHTS } from '../../src/answer/retrieve.js';
import { stem } from '../../src/answer/text-terms.js';
import { topParagraph } from './flat-story.js';

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
const top = (counted: number) =>
  topParagraph(
    [
      'Tarrow Ferries runs boats from the mainland to 40 islands.',
      'Tarrow Ferries runs 40 boats from the mainland to the islands.',
    ],
    'How many boats does Tarrow Ferries run to the islands?',
    { counted },
  );

describe('HybridRetriever.rank, a "how many" question', () => {
  it('raises the sentence whose number counts what is asked about', () => {
    expect(top(0)).toBe(1);
    expect(top(RANKING_WEIGHTS.counted)).toBe(2);
  });
});
