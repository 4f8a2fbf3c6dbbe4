import { beforeAll, describe, expect, it } from 'vitest';
import { loadTagger } from '../../src/quotes/tagger.js';
import { attributed } from './attributed.js';

beforeAll(() => loadTagger());

const INTRO = 'Mara Velasquez and Tom Okafor met the Duluth council on Monday.\n\n';

describe('attributeQuotes: sentence openings and party tags', () => {
  it('a bracketed party tag with full stops ("(D-N.Y.)") does not cut the sentence in two', () => {
    expect(
      attributed(
        `${INTRO}In a statement released Thursday, Rep. Mara Velasquez (D-N.Y.) reacted to the news, saying: “The council should resign.”`,
      ).slice(-1),
    ).toEqual([['The council should resign.', 'Mara Velasquez']]);
    expect(
      attributed(`${INTRO}Rep. Tom Okafor (R-S.C.):"I have never heard anyone cite that figure."`).slice(-1),
    ).toEqual([['I have never heard anyone cite that figure.', 'Tom Okafor']]);
  });

  it('a time phrase or "here in …" before the subject is an opening adverbial', () => {
    expect(
      attributed(
        `${INTRO}Hours later, Okafor returned the compliment to Velasquez, telling reporters, “We have been friends for a long time.”`,
      ).slice(-1),
    ).toEqual([['We have been friends for a long time.', 'Tom Okafor']]);
    expect(
      attributed(
        `${INTRO}Here in Duluth, Velasquez stepped up her attack on the council, saying, “The budget is a disgrace.”`,
      ).slice(-1),
    ).toEqual([['The budget is a disgrace.', 'Mara Velasquez']]);
  });

  it('"…, writing “…”" and "…, tweeting “…”" give the quote to the clause subject', () => {
    expect(
      attributed(
        `${INTRO}Velasquez shared the news online last week, writing “Feels great to support the council.”`,
      ).slice(-1),
    ).toEqual([['Feels great to support the council.', 'Mara Velasquez']]);
  });

  it('a name right after a quote, with a long description up to its verb, is the speaker', () => {
    expect(
      attributed(
        `${INTRO}“The program asks too much of families,” Velasquez, refugee rights program director at the Duluth Trust, said in an interview.`,
      ).slice(-1),
    ).toEqual([['The program asks too much of families', 'Mara Velasquez']]);
    expect(
      attributed(
        `${INTRO}The new plans “are steps in the right direction,” Okafor, assistant secretary for housing, parks, and transit, said on the same call.`,
      ).slice(-1),
    ).toEqual([['are steps in the right direction', 'Tom Okafor']]);
    // A list of names is several speakers, none of them alone.
    expect(attributed(`${INTRO}“It is over,” Velasquez, Okafor and Lee said.`).slice(-1)).toEqual([
      ['It is over', null],
    ]);
  });
});
