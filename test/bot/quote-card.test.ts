import { describe, expect, test } from 'vitest';
import { formatQuoteContext, formatQuotes, formatSpeakerChoices } from '../../src/bot/quote-card.js';
import type { QuoteResult } from '../../src/quotes/types.js';
import { actions, ARTICLES, buttons, expectWithinLimits, hasLink, only, rendered } from './reply-fixtures.js';

const spicer: QuoteResult = {
  query: 'spicer',
  speaker: 'Sean Spicer',
  quotes: [
    {
      text: 'conditions are not there right now',
      id: 'trump-kim-honoured#14',
      doc: 'trump-kim-honoured',
      paragraph: 14,
      context:
        'White House spokesman Sean Spicer … said later on Monday that “conditions are not there right now”.',
    },
  ],
  mentioned: ['trump-kim-honoured#14'],
  suggestions: [],
};

describe('formatQuotes: the quote card', () => {
  test('lists each quote with its ¶ under the article named once, with a Show context button', () => {
    const reply = formatQuotes(spicer, ARTICLES);
    const embed = only(reply);
    expect(embed.title).toBe('What Sean Spicer said');
    expect(embed.author).toEqual({ name: 'Trump says he would be ‘honoured’ to meet North Korean leader' });
    expect(embed.description).toBe('“conditions are not there right now”\u00a0¶14');
    expect(actions(reply)).toEqual([{ label: 'Show context', id: 'quote:context:Sean Spicer' }]);
  });

  test('shows eight quotes at most, cut short when long, and says how many more there are', () => {
    const long = { ...spicer.quotes[0]!, text: 'word '.repeat(100) };
    const many = { ...spicer, quotes: Array.from({ length: 14 }, () => long) };
    const lines = only(formatQuotes(many, ARTICLES)).description!.split('\n');
    expect(lines).toHaveLength(9);
    expect(lines[0]!.length).toBeLessThan(200);
    expect(lines[8]).toBe('-# and 6 more quotes');
  });

  test('groups quotes from several articles under their titles and links the article only when one', () => {
    const harbour = { ...spicer.quotes[0]!, id: 'harbour-reopens#2', doc: 'harbour-reopens', paragraph: 2 };
    const both = formatQuotes({ ...spicer, quotes: [spicer.quotes[0]!, harbour] }, ARTICLES);
    expect(only(both).description).toBe(
      '**Trump says he would be ‘honoured’ to meet North Korean leader**\n“conditions are not there right now”\u00a0¶14\n' +
        '**Harbour reopens after winter storm**\n“conditions are not there right now”\u00a0¶2',
    );
    expect(buttons(both)).toEqual([]);
    const one = formatQuotes({ ...spicer, quotes: [harbour] }, ARTICLES);
    expect(buttons(one)).toEqual([{ label: 'Read the article', url: 'https://example.com/harbour-reopens' }]);
  });

  test('says where someone is mentioned when they are never quoted', () => {
    const obama: QuoteResult = {
      query: 'Obama',
      speaker: 'Barack Obama',
      quotes: [],
      mentioned: ['trump-kim-honoured#3', 'trump-kim-honoured#5'],
      suggestions: [],
    };
    expect(only(formatQuotes(obama, ARTICLES)).description).toBe(
      'The articles never quote Barack Obama directly. They are mentioned in ¶3 and ¶5 of “Trump says he would be ‘honoured’ to meet North Korean leader”.',
    );
  });

  test('a masked link in a speaker’s name is not a link, whether quoted, only mentioned or unknown', () => {
    const name = 'Sean [FREE NITRO](https://evil.example/phish)';
    const quoted = only(formatQuotes({ ...spicer, speaker: name }, ARTICLES));
    expect(hasLink(quoted.title)).toBe(false);
    expect(rendered(quoted.title)).toBe(`What ${name} said`);
    const mentioned = only(formatQuotes({ ...spicer, speaker: name, quotes: [] }, ARTICLES));
    expect(hasLink(mentioned.title)).toBe(false);
    expect(hasLink(mentioned.description)).toBe(false);
    const unknown = only(
      formatQuotes({ ...spicer, query: name, speaker: null, quotes: [], suggestions: [name] }, ARTICLES),
    );
    expect(hasLink(unknown.title)).toBe(false);
    expect(hasLink(unknown.description)).toBe(false);
    expect(rendered(unknown.description)).toContain(name);
  });

  test('suggests the nearest names for an unknown one', () => {
    const unknown: QuoteResult = {
      query: 'Spicr',
      speaker: null,
      quotes: [],
      mentioned: [],
      suggestions: ['Sean Spicer'],
    };
    const embed = only(formatQuotes(unknown, ARTICLES));
    expect(embed.title).toBe('No one called “Spicr”');
    expect(embed.description).toBe(
      'I know of no one by that name in the articles. Did you mean **Sean Spicer**?',
    );
  });
});

describe('formatQuoteContext: "Show context"', () => {
  test('shows each quote in its sentence, the quoted words in bold', () => {
    expect(only(formatQuoteContext(spicer, ARTICLES)).description).toBe(
      '**¶14** White House spokesman Sean Spicer … said later on Monday that “**conditions are not there right now**”.',
    );
  });

  test('shows the bare quote in quotation marks when its sentence does not contain it verbatim', () => {
    const odd = { ...spicer, quotes: [{ ...spicer.quotes[0]!, context: 'Mr Spicer spoke briefly.' }] };
    expect(only(formatQuoteContext(odd, ARTICLES)).description).toBe(
      '**¶14** “conditions are not there right now”',
    );
  });

  test('says so when the speaker is no longer quoted (after a reload)', () => {
    expect(formatQuoteContext({ ...spicer, quotes: [] }, ARTICLES).content).toBe(
      'The articles no longer quote Sean Spicer.',
    );
  });

  test('stays inside Discord’s limits with many long quotes', () => {
    const long = { ...spicer.quotes[0]!, text: 'x'.repeat(900), context: 'x'.repeat(2000) };
    expectWithinLimits(
      only(formatQuoteContext({ ...spicer, quotes: Array.from({ length: 40 }, () => long) }, ARTICLES)),
    );
  });
});

describe('formatSpeakerChoices', () => {
  test('offers at most 25 names, best first, with names and values inside 100 characters', () => {
    const suggestions = [
      { name: 'Sean Spicer', quoteCount: 1 },
      { name: 'Donald Trump', quoteCount: 4 },
      { name: 'N'.repeat(101), quoteCount: 1 },
      ...Array.from({ length: 30 }, (_, i) => ({ name: `Person ${i}`, quoteCount: 0 })),
    ];
    const choices = formatSpeakerChoices(suggestions);
    expect(choices).toHaveLength(25);
    expect(choices.slice(0, 3)).toEqual([
      { name: 'Sean Spicer (1 quote)', value: 'Sean Spicer' },
      { name: 'Donald Trump (4 quotes)', value: 'Donald Trump' },
      { name: 'Person 0', value: 'Person 0' },
    ]);
  });
});
