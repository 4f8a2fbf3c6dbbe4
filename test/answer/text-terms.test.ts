import { describe, expect, it } from 'vitest';
import { contentTerms, words } from '../../src/answer/text-terms.js';

describe('text terms', () => {
  it('splits words, trimming possessives and contractions, folding accents, keeping letters of any script', () => {
    expect(words('Korea’s leader didn’t visit São Paulo')).toEqual([
      'korea',
      'leader',
      'did',
      'visit',
      'sao',
      'paulo',
    ]);
    expect(words('Москва')).toEqual(['москва']);
  });

  it('reads a negation as its verb, so "didn’t" leaves no stray content word such as "didn"', () => {
    expect(contentTerms('Why didn’t they? It wasn’t, we aren’t, they couldn’t')).toEqual([]);
    // Not "won" (a victory) nor "ca".
    expect(words("They won't and can't")).toEqual(['they', 'will', 'and', 'can']);
  });

  it('drops stop words and honorifics, and meets irregular and derived forms', () => {
    expect(contentTerms('What did Mr Smith say?')).toEqual(contentTerms('smith'));
    expect(contentTerms('What did Mr Smith say?')).toHaveLength(1);
    // "said" is a stop word in the list used, so "say" is too: otherwise a question's "say" would only
    // ever match the rare "says" of a news text.
    expect(contentTerms('he said, it says, they say')).toEqual([]);
    expect(contentTerms('met')).toEqual(contentTerms('meet'));
    expect(contentTerms('negotiating')).toEqual(contentTerms('negotiation'));
    expect(contentTerms('children went')).toEqual(contentTerms('child go'));
    expect(contentTerms('hoped stopped studies')).toEqual(contentTerms('hope stop study'));
  });

  it('treats words that are also names of object properties as plain words', () => {
    expect(contentTerms('constructor prototype hasOwnProperty')).toEqual([
      'constructor',
      'prototyp',
      'hasownproperti',
    ]);
  });
});
