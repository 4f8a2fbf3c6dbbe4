import { describe, expect, it } from 'vitest';
import { instanceNames, knowsWord, relatedWords } from '../../src/answer/wordnet.js';

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

describe('instanceNames', () => {
  it("gives a place's other one-word names, and nothing for a kind of thing", () => {
    expect(instanceNames('us')).toEqual(expect.arrayContaining(['america', 'usa']));
    expect(instanceNames('australia')).toEqual([]);
    expect(instanceNames('prosecutor')).toBeUndefined();
    expect(instanceNames('zzyzxq')).toBeUndefined();
  });
});

describe('knowsWord', () => {
  it('knows inflected common words, not surnames', () => {
    expect(knowsWord('prosecutors')).toBe(true);
    expect(knowsWord('kessler')).toBe(false);
  });
});
