import { describe, expect, it } from 'vitest';
import { Spelling } from '../../src/answer/spelling.js';

const spelling = new Spelling(
  new Map([
    ['judge', 3],
    ['nudge', 1],
    ['kessler', 2],
    ['sentencing', 2],
    ['harbour', 4],
  ]),
);

describe('Spelling.correct', () => {
  it('fixes one slip in a word the articles use: a swap, a missing, extra or wrong letter', () => {
    expect(spelling.correct('Who was the jugde?')).toBe('Who was the judge?');
    expect(spelling.correct('When is the sentencng?')).toBe('When is the sentencing?');
    expect(spelling.correct('What did Kesssler say?')).toBe('What did kessler say?');
    expect(spelling.correct('Is the harbuor open?')).toBe('Is the harbour open?');
  });

  it('keeps the possessive and every occurrence', () => {
    expect(spelling.correct("Kesler's lawyer said Kesler would appeal")).toBe(
      "kessler's lawyer said kessler would appeal",
    );
  });

  it('prefers the word more articles use when two are one slip away', () => {
    // "judge" (3 articles) and "nudge" (1) are both one letter from "rudge".
    expect(spelling.correct('the rudge')).toBe('the judge');
  });

  it('leaves English words, short words, numbers and words nothing is near', () => {
    expect(spelling.correct('a banana bread recipe')).toBe('a banana bread recipe');
    expect(spelling.correct('the jdge')).toBe('the jdge');
    expect(spelling.correct('in 20245')).toBe('in 20245');
    expect(spelling.correct('Zbigniew Kowalczyk')).toBe('Zbigniew Kowalczyk');
  });

  it('corrects a lower-case word no article word is near to the most frequent English word one slip away', () => {
    // "defending" is in no article: the ranking can still match its meaning ("attorney", "defence").
    expect(spelling.correct('who is defneding the mayor')).toBe('who is defending the mayor');
    // Capitalised, it may be a name nobody has spelt yet; a word of everyday English stays as typed.
    expect(spelling.correct('who is Defneding')).toBe('who is Defneding');
    expect(spelling.correct('is it gonna rain')).toBe('is it gonna rain');
  });
});
