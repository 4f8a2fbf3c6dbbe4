import { describe, expect, it } from 'vitest';
import { relatedWords } from '../../src/answer/wordnet.js';

describe('relatedWords', () => {
  it('gives synonyms, more general words and derivations from WordNet', () => {
    expect(relatedWords('prosecutor')).toEqual(expect.arrayContaining(['attorney', 'lawyer']));
    expect(relatedWords('founded')).toContain('founder');
    expect(relatedWords('shrink')).toEqual(expect.arrayContaining(['decrease', 'fall']));
    expect(relatedWords('salary')).toEqual(expect.arrayContaining(['pay', 'wage']));
  });

  it('gives nothing for a word WordNet does not have', () => {
    expect(relatedWords('zzyzxq')).toEqual([]);
  });
});
