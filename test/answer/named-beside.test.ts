import { describe, expect, it } from 'vitest';
import { askedOfPerson, namedBeside } from '../../src/answer/named-beside.js';
import { RANKING_WEIGHTS } from '../../src/answer/retrieve.js';
import { stem } from '../../src/answer/text-terms.js';
import { topParagraph } from './flat-story.js';

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
// "skipper".
const top = (named: number) =>
  topParagraph(
    [
      "The ferry's skipper was praised by Tarrow.",
      'The ferry was praised by Tarrow, whose skipper Ola Brent has sailed it for a decade.',
    ],
    'Who is the skipper of the ferry?',
    { answerKind: 0, named },
  );

describe('HybridRetriever.rank, a "who" question', () => {
  it('raises the sentence that names someone beside what is asked of them', () => {
    expect(top(0)).toBe(1);
    expect(top(RANKING_WEIGHTS.named)).toBe(2);
  });
});
