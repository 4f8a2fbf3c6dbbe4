import { describe, expect, test } from 'vitest';
import type { AskResult, Citation } from '../../src/answer/types.js';
import type { ReloadReport } from '../../src/engine/library.js';
import {
  DISCORD_LIMITS,
  embedLength,
  formatAnswer,
  formatNotice,
  formatQuotes,
  formatReloadFailure,
  formatReloadReport,
  formatSources,
  formatSpeakerChoices,
  truncate,
} from '../../src/bot/format-reply.js';
import type { Article } from '../../src/knowledge/types.js';
import type { QuoteResult } from '../../src/quotes/types.js';

// Hand-built engine results: the point here is the formatting, whatever the engine answers.

const article = (slug: string, title: string, url?: string): Article => ({
  slug,
  title,
  source: 'Test Gazette',
  date: '2024-01-01',
  ...(url ? { url } : {}),
  file: `${slug}.md`,
  contentHash: slug,
  paragraphs: [],
});

const ARTICLES = [
  article('trump-kim-honoured', 'Trump says he would be ‘honoured’ to meet North Korean leader'),
  article('harbour-reopens', 'Harbour reopens after winter storm', 'https://example.com/harbour-reopens'),
];

const citation = (overrides: Partial<Citation> = {}): Citation => ({
  id: 'trump-kim-honoured#14',
  doc: 'trump-kim-honoured',
  title: ARTICLES[0]!.title,
  paragraph: 14,
  text: 'White House spokesman Sean Spicer said that “conditions are not there right now”.',
  score: 0.9,
  ...overrides,
});

const answer = (overrides: Partial<AskResult> = {}): AskResult => ({
  question: 'What did Spicer say?',
  answer: 'Sean Spicer said that “conditions are not there right now”. [¶14]',
  declined: false,
  citations: [citation()],
  ...overrides,
});

type Embed = NonNullable<ReturnType<typeof formatAnswer>['embeds']>[number];
const only = (reply: { embeds?: Embed[] }): Embed => {
  expect(reply.embeds).toHaveLength(1);
  return reply.embeds![0]!;
};

/** What a reader sees: Discord shows a backslash-escaped punctuation character as the character itself. */
const rendered = (text: string | undefined): string => (text ?? '').replace(/\\([^\sA-Za-z0-9])/g, '$1');

/**
 * Whether Discord's Markdown would make a link of `text`: a masked link whose "[" is not escaped, or an
 * address with its scheme intact (Discord links those by itself, bare or in <…>). Escaped characters are
 * dropped first, since they are never syntax.
 */
const hasLink = (text: string | undefined): boolean => {
  const syntax = (text ?? '').replace(/\\[\s\S]/g, '');
  return /\[[\s\S]*\]\(/.test(syntax) || /[a-z][a-z\d+.-]*:\/\//i.test(syntax);
};

/** The link buttons of a reply, as label and address. */
const buttons = (reply: ReturnType<typeof formatAnswer>) =>
  (reply.components ?? []).flatMap((row) =>
    row.components.map((button) => ({ label: button.label, url: button.url })),
  );

/** Every limit Discord enforces on one embed. */
function expectWithinLimits(embed: Embed): void {
  expect(embed.title?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.embedTitle);
  expect(embed.description?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.embedDescription);
  expect(embed.footer?.text.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.footerText);
  expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.embedFields);
  for (const field of embed.fields ?? []) {
    expect(field.name.length).toBeGreaterThan(0);
    expect(field.name.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldName);
    expect(field.value.length).toBeGreaterThan(0);
    expect(field.value.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldValue);
  }
  expect(embedLength(embed)).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
}

describe('truncate', () => {
  test('leaves short text alone', () => {
    expect(truncate('short', 10)).toBe('short');
  });

  test('cuts long text at a word boundary and marks the cut', () => {
    const cut = truncate('the quick brown fox jumps over the lazy dog', 20);
    expect(cut).toBe('the quick brown fox…');
    expect(cut.length).toBeLessThanOrEqual(20);
  });

  test('never splits a surrogate pair', () => {
    const cut = truncate('😀'.repeat(10), 6);
    expect(cut.length).toBeLessThanOrEqual(6);
    expect(cut).toBe('😀😀…');
  });
});

describe('formatAnswer', () => {
  test('shows the answer with its citations, each cited paragraph under its article title', () => {
    const reply = formatAnswer(answer(), ARTICLES);
    const embed = only(reply);
    expect(embed.title).toBe('What did Spicer say?');
    expect(embed.description).toBe('Sean Spicer said that “conditions are not there right now”. [¶14]');
    expect(embed.fields).toEqual([
      {
        name: '¶14 · Trump says he would be ‘honoured’ to meet North Korean leader',
        value: 'White House spokesman Sean Spicer said that “conditions are not there right now”.',
      },
    ]);
    expect(embed.footer?.text).toBe('Sources: trump-kim-honoured#14');
    expect(reply.allowedMentions).toEqual({ parse: [] });
  });

  test('links the article with a link button, never with Markdown in the text', () => {
    const cited = citation({
      id: 'harbour-reopens#2',
      doc: 'harbour-reopens',
      title: ARTICLES[1]!.title,
      paragraph: 2,
      text: 'word '.repeat(400),
      url: 'https://example.com/harbour-reopens',
    });
    const reply = formatAnswer(
      answer({ citations: [cited, { ...cited, id: 'harbour-reopens#3' }] }),
      ARTICLES,
    );
    const field = only(reply).fields![0]!;
    expect(field.value.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldValue);
    expect(hasLink(field.value)).toBe(false);
    expect(buttons(reply)).toEqual([
      { label: 'Harbour reopens after winter storm', url: 'https://example.com/harbour-reopens' },
    ]);
  });

  test('an article address that tries to open a second link is only ever a button’s target', () => {
    const url = 'https://example.com/a)[x](https://evil.example';
    const reply = formatAnswer(answer({ citations: [citation({ url })] }), ARTICLES);
    expect(buttons(reply)).toEqual([{ label: ARTICLES[0]!.title, url }]);
    for (const field of only(reply).fields!) expect(hasLink(field.value)).toBe(false);
  });

  test('gives no button for an address Discord would refuse (over 512 characters)', () => {
    const url = `https://example.com/${'a'.repeat(600)}`;
    expect(buttons(formatAnswer(answer({ citations: [citation({ url })] }), ARTICLES))).toEqual([]);
  });

  test('stays inside every Discord limit, however long the question, answer and paragraphs', () => {
    const huge = answer({
      question: 'why '.repeat(200),
      answer: 'because '.repeat(1000),
      citations: Array.from({ length: 30 }, (_, i) =>
        citation({ id: `a#${i}`, paragraph: i, title: 'T'.repeat(300), text: 'x'.repeat(2000) }),
      ),
    });
    const embed = only(formatAnswer(huge, ARTICLES));
    expectWithinLimits(embed);
    expect(embed.fields!.length).toBeGreaterThan(0);
  });

  test('escapes markdown in the question, so it is shown as typed', () => {
    const embed = only(formatAnswer(answer({ question: 'Was it **really** _said_?' }), ARTICLES));
    expect(embed.title).toBe('Was it \\*\\*really\\*\\* \\_said\\_?');
  });

  test('a masked link in the question is shown as typed, never as a link', () => {
    const question = 'What did [FREE NITRO](https://evil.example/phish) say?';
    const embed = only(formatAnswer(answer({ question }), ARTICLES));
    expect(hasLink(embed.title)).toBe(false);
    expect(rendered(embed.title)).toBe(question);
  });

  test('a masked link nested in brackets in the question is not a link either', () => {
    const question = 'Is [a [b] c](https://evil.example) or [x](<https://evil.example>) true?';
    const embed = only(formatAnswer(answer({ question, answer: question }), ARTICLES));
    expect(hasLink(embed.title)).toBe(false);
    expect(hasLink(embed.description)).toBe(false);
    expect(rendered(embed.description)).toBe(question);
  });

  test('a bare address in the question is shown in full but not clickable', () => {
    const question = 'Is https://evil.example/phish_now or x_https://evil.example real?';
    const embed = only(formatAnswer(answer({ question, answer: question }), ARTICLES));
    expect(hasLink(embed.description)).toBe(false);
    expect(rendered(embed.description)).toBe(question);
  });

  test('a masked link in the answer or the quoted article text is not a link', () => {
    const phish = '[FREE NITRO](https://evil.example/phish)';
    const embed = only(
      formatAnswer(
        answer({ answer: `He said ${phish}. [¶14]`, citations: [citation({ text: `Text ${phish}` })] }),
        ARTICLES,
      ),
    );
    expect(hasLink(embed.description)).toBe(false);
    expect(rendered(embed.description)).toBe(`He said ${phish}. [¶14]`);
    expect(hasLink(embed.fields![0]!.value)).toBe(false);
    expect(rendered(embed.fields![0]!.value)).toBe(`Text ${phish}`);
  });

  test('a masked link in an article title is not a link, in a citation or in the list of articles', () => {
    const title = 'Title [FREE NITRO](https://evil.example/phish)';
    const cited = only(formatAnswer(answer({ citations: [citation({ title })] }), ARTICLES)).fields![0]!;
    expect(hasLink(cited.name)).toBe(false);
    expect(rendered(cited.name)).toBe(`¶14 · ${title}`);
    const cover = only(formatAnswer(answer({ declined: true, citations: [] }), [article('x', title)]))
      .fields![0]!;
    expect(hasLink(cover.value)).toBe(false);
    expect(rendered(cover.value)).toBe(`• ${title}`);
  });

  test('article text that opens with heading, quote, list or subtext Markdown is shown as plain text', () => {
    const cases = [
      ['# BREAKING', '\\# BREAKING'],
      ['> quoted', '\\> quoted'],
      ['>>> all of it', '\\>>> all of it'],
      ['-# small print', '\\-# small print'],
      ['- item', '\\- item'],
      ['1. first', '1\\. first'],
    ];
    for (const [text, escaped] of cases) {
      expect(only(formatAnswer(answer({ answer: text }), ARTICLES)).description).toBe(escaped);
    }
  });

  test('a decline is a normal reply that lists what the articles cover, with their links as buttons', () => {
    const reply = formatAnswer(
      answer({ declined: true, answer: 'The articles do not say.', citations: [] }),
      ARTICLES,
    );
    const embed = only(reply);
    expect(embed.description).toBe('The articles do not say.');
    expect(embed.fields).toEqual([
      {
        name: 'What the articles cover',
        value:
          '• Trump says he would be ‘honoured’ to meet North Korean leader\n' +
          '• Harbour reopens after winter storm',
      },
    ]);
    expect(embed.footer).toBeUndefined();
    expect(buttons(reply)).toEqual([
      { label: 'Harbour reopens after winter storm', url: 'https://example.com/harbour-reopens' },
    ]);
  });
});

describe('formatQuotes', () => {
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

  test('lists the quotes in their sentences, each with its paragraph and article', () => {
    const embed = only(formatQuotes(spicer, ARTICLES));
    expect(embed.title).toBe('What Sean Spicer said');
    expect(embed.description).toBe('1 quote in the articles.');
    expect(embed.fields).toEqual([
      {
        name: '¶14 · Trump says he would be ‘honoured’ to meet North Korean leader',
        value:
          'White House spokesman Sean Spicer … said later on Monday that “**conditions are not there right now**”.',
      },
    ]);
  });

  test('shows the bare quote in quotation marks when its sentence does not contain it verbatim', () => {
    const odd = { ...spicer, quotes: [{ ...spicer.quotes[0]!, context: 'Mr Spicer spoke briefly.' }] };
    expect(only(formatQuotes(odd, ARTICLES)).fields![0]!.value).toBe('“conditions are not there right now”');
  });

  test('shows at most ten quotes and says how many there are', () => {
    const many = { ...spicer, quotes: Array.from({ length: 14 }, () => spicer.quotes[0]!) };
    const embed = only(formatQuotes(many, ARTICLES));
    expect(embed.fields).toHaveLength(10);
    expect(embed.description).toBe('14 quotes in the articles; the first 10 are shown.');
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

  test('links each quoted article once, with a button', () => {
    const harbour = {
      ...spicer.quotes[0]!,
      id: 'harbour-reopens#2',
      doc: 'harbour-reopens',
      paragraph: 2,
    };
    const reply = formatQuotes({ ...spicer, quotes: [harbour, harbour, spicer.quotes[0]!] }, ARTICLES);
    expect(buttons(reply)).toEqual([
      { label: 'Harbour reopens after winter storm', url: 'https://example.com/harbour-reopens' },
    ]);
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

describe('reload replies', () => {
  const report: ReloadReport = {
    added: ['harbour-reopens'],
    removed: [],
    changed: ['trump-kim-honoured'],
    unchanged: 0,
    skipped: [],
    embeddedTexts: 12,
    durationMs: 1234,
    stats: { articles: 2, paragraphs: 20, sentences: 40, speakers: 8, quotes: 17 },
  };

  test('a successful reload says what changed, what was re-embedded and how long it took', () => {
    expect(only(formatReloadReport(report)).description).toBe(
      [
        '**Added:** `harbour-reopens`',
        '**Changed:** `trump-kim-honoured`',
        '**Unchanged:** 0 articles',
        '**Re-embedded:** 12 texts (the rest came from the cache)',
        '**Took:** 1.2 s',
        'Now answering from 2 articles, 20 paragraphs and 17 quotes.',
      ].join('\n'),
    );
  });

  test('a failed reload names each broken file and why', () => {
    const embed = only(
      formatReloadFailure([
        {
          file: 'broken.md',
          problem: 'has no front matter (expected a --- block with title, source and date)',
        },
      ]),
    );
    expect(embed.title).toBe('Reload failed: still answering from the previous knowledge base');
    expect(embed.description).toBe(
      '• broken.md: has no front matter (expected a --- block with title, source and date)',
    );
  });

  test('a file name with backticks or a masked link is shown escaped, never as code or a link', () => {
    const embed = only(
      formatReloadFailure([{ file: 'a`b`[x](https://evil.example).md', problem: 'is empty' }]),
    );
    expect(hasLink(embed.description)).toBe(false);
    expect(embed.description).not.toMatch(/(^|[^\\])`/);
    expect(rendered(embed.description)).toBe('• a`b`[x](https://evil.example).md: is empty');
  });

  test('a successful reload lists what the folder skipped, escaped', () => {
    const skipped = [
      { file: 'notes*.md', reason: 'is a symbolic link to /etc/passwd, outside the knowledge folder' },
    ];
    expect(only(formatReloadReport({ ...report, skipped })).description).toContain(
      '**Skipped:** notes\\*.md: is a symbolic link to /etc/passwd, outside the knowledge folder',
    );
  });
});

describe('formatSources', () => {
  const stats = { articles: 2, paragraphs: 20, sentences: 40, speakers: 8, quotes: 17 };

  test('lists each article with its source and date, and links those with a url by a button', () => {
    const reply = formatSources(ARTICLES, stats);
    const embed = only(reply);
    expect(embed.description).toBe(
      '• **Trump says he would be ‘honoured’ to meet North Korean leader** (Test Gazette, 2024-01-01, 0 ¶)\n' +
        '• **Harbour reopens after winter storm** (Test Gazette, 2024-01-01, 0 ¶)',
    );
    expect(embed.footer?.text).toBe('2 articles · 20 paragraphs · 8 speakers · 17 quotes');
    expect(buttons(reply)).toEqual([
      { label: 'Harbour reopens after winter storm', url: 'https://example.com/harbour-reopens' },
    ]);
  });

  test('gives at most 25 link buttons, five to a row, with labels inside 80 characters', () => {
    const many = Array.from({ length: 30 }, (_, i) =>
      article(`a-${i}`, `${'A very long title '.repeat(6)}${i}`, `https://example.com/${i}`),
    );
    const reply = formatSources(many, { ...stats, articles: 30 });
    expect(reply.components).toHaveLength(5);
    for (const row of reply.components!) expect(row.components).toHaveLength(5);
    for (const { label } of buttons(reply)) expect(label!.length).toBeLessThanOrEqual(80);
  });

  test('says how many more there are when the list would not fit', () => {
    const many = Array.from({ length: 200 }, (_, i) =>
      article(`a-${i}`, `A rather long article title number ${i}`),
    );
    const embed = only(formatSources(many, { ...stats, articles: 200 }));
    expectWithinLimits(embed);
    expect(embed.description).toMatch(/\n… and \d+ more$/);
  });
});

describe('formatNotice', () => {
  test('keeps a notice within the message limit and pings nobody', () => {
    const notice = formatNotice('@everyone '.repeat(300));
    expect(notice.content!.length).toBeLessThanOrEqual(DISCORD_LIMITS.content);
    expect(notice.allowedMentions).toEqual({ parse: [] });
  });
});
