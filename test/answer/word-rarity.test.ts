import { describe, expect, it } from 'vitest';
import { wordRarity } from '../../src/answer/word-rarity.js';

describe('wordRarity', () => {
  it('grows from the commonest words to rare ones, 0–1', () => {
    const scale = ['the', 'said', 'council', 'levee', 'zzyzxq'].map(wordRarity);
    expect(scale).toEqual([...scale].sort((a, b) => a - b));
    expect(scale[0]).toBeGreaterThanOrEqual(0);
    expect(wordRarity('said')).toBeLessThan(0.4);
    expect(wordRarity('levee')).toBeGreaterThan(0.7);
  });

  it('counts a word no list has (a surname, a typo) as rare as can be', () => {
    expect(wordRarity('quintervaldo')).toBe(1);
  });
});
