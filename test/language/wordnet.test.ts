import { describe, expect, it } from 'vitest';
import { instanceNames, knowsWord, relations } from '../../src/language/wordnet.js';

describe('relations', () => {
  it('gives synonyms and derivations as close, more general words as broader', () => {
    expect(relations('prosecutor').close).toContain('attorney');
    expect(relations('prosecutor').broader).toContain('lawyer');
    expect(relations('founded').close).toContain('founder');
    expect(relations('shrink').close).toContain('reduce');
    expect(relations('shrink').broader).toContain('decrease');
    expect(relations('salary').close).toEqual(expect.arrayContaining(['pay', 'wage']));
    expect(relations('banana').broader).toContain('fruit');
    expect(relations('banana').close).not.toContain('fruit');
  });

  it("takes a multi-word entry's head: a phrasal verb's verb, not its particle; a compound noun's last word", () => {
    // "rain down" and "damp down" must not meet on "down".
    expect(relations('rain').close).not.toContain('down');
    expect(relations('set up').close).toContain('establish');
    expect(relations('prosecutor').close).toContain('attorney');
  });

  it('gives nothing for a word WordNet does not have', () => {
    expect(relations('zzyzxq')).toEqual({ close: [], broader: [] });
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
