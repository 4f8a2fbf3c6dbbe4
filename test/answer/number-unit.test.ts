import { describe, expect, it } from 'vitest';
import { numberUnitTest } from '../../src/answer/number-unit.js';
import { topParagraph } from './flat-story.js';

describe('numberUnitTest', () => {
  it('reads the unit a number question asks for', () => {
    expect(numberUnitTest('How old is Jane Roe?')?.('Jane Roe, 58, of Zentford, smiled.')).toBe(true);
    expect(numberUnitTest('How old is Jane Roe?')?.('Jane Roe owes £2m.')).toBe(false);
    expect(numberUnitTest('By what percentage did Acme shares fall?')?.('They fell 12 per cent.')).toBe(true);
    expect(numberUnitTest('How much did the Acme bridge cost?')?.('It cost $4.5 million.')).toBe(true);
    expect(numberUnitTest('How long did the Acme strike last?')?.('It lasted three weeks.')).toBe(true);
    expect(numberUnitTest('How much rain fell?')).toBeUndefined();
    expect(numberUnitTest('How many fans came?')).toBeUndefined();
  });
});

// A made-up story: both paragraphs give a number about Roe, only the second her age.
describe('HybridRetriever.rank, a "how old" question', () => {
  const story = ['Jane Roe sold 40 Acme shops.', 'Jane Roe, 61, lives in Zentford.'];
  it('prefers the sentence with a number in the unit asked for', () => {
    expect(topParagraph(story, 'How old is Jane Roe?')).toBe(2);
  });
  it('(which the words alone do not decide that way)', () => {
    expect(topParagraph(story, 'How old is Jane Roe?', { numberUnit: 0 })).toBe(1);
  });
});
