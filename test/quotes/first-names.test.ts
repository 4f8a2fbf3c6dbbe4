import { beforeAll, describe, expect, it } from 'vitest';
import { genderOfFirstName, isFirstName } from '../../src/quotes/first-names.js';
import { loadTagger } from '../../src/quotes/tagger.js';

beforeAll(() => loadTagger());

describe('first names', () => {
  it('takes a gender from compromise first, then from the name lists', () => {
    expect(genderOfFirstName('Imogen')).toBe('female'); // only the lists know her
    expect(genderOfFirstName('Hamish')).toBe('male');
    // The lists give "Kyle" both genders; compromise's one reading stands.
    expect(genderOfFirstName('Kyle')).toBe('male');
    expect(genderOfFirstName('Casimir')).toBeNull();
  });

  it('reads a listed name as a first name only when compromise has no other reading of the word', () => {
    expect(isFirstName('imogen')).toBe(true);
    expect(isFirstName('margaret')).toBe(true);
    expect(isFirstName('casimir')).toBe(false);
    expect(isFirstName('labour')).toBe(false);
  });
});
