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

  test('links the source when the article has a url, and keeps the link when the paragraph is cut', () => {
    const long = citation({
      id: 'harbour-reopens#2',
      doc: 'harbour-reopens',
      title: ARTICLES[1]!.title,
      paragraph: 2,
      text: 'word '.repeat(400),
      url: 'https://example.com/harbour-reopens',
    });
    const field = only(formatAnswer(answer({ citations: [long] }), ARTICLES)).fields![0]!;
    expect(field.value.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldValue);
    expect(field.value).toMatch(/…\n\[Read the article\]\(https:\/\/example\.com\/harbour-reopens\)$/);
  });

  test('does not turn a non-web url into a link', () => {
    const field = only(
      formatAnswer(answer({ citations: [citation({ url: 'javascript:alert(1)' })] }), ARTICLES),
    ).fields![0]!;
    expect(field.value).not.toContain('Read the article');
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

  test('a masked link in the question, the answer, a quoted paragraph or a title is never a link', () => {
    const phish = '[FREE NITRO](https://evil.example/phish)';
    const embed = only(
      formatAnswer(
        answer({
          question: `What did ${phish} say?`,
          answer: `He said ${phish}. [¶14]`,
          citations: [citation({ title: `Title ${phish}`, text: `Text ${phish}` })],
        }),
        ARTICLES,
      ),
    );
    const shown = [embed.title, embed.description, embed.fields![0]!.name, embed.fields![0]!.value];
    for (const text of shown) expect(text).toContain('\\[FREE NITRO\\](https://evil.example/phish)');
  });

  test('an article address cannot break out of its link', () => {
    const url = 'https://example.com/a)[x](https://evil.example';
    const field = only(formatAnswer(answer({ citations: [citation({ url })] }), ARTICLES)).fields![0]!;
    expect(field.value).toContain(
      '[Read the article](https://example.com/a%29%5Bx%5D%28https://evil.example)',
    );
    const cover = only(formatAnswer(answer({ declined: true, citations: [] }), [article('x', 'Title', url)]))
      .fields![0]!;
    expect(cover.value).toBe('• [Title](https://example.com/a%29%5Bx%5D%28https://evil.example)');
  });

  test('a decline is a normal reply that lists what the articles cover', () => {
    const embed = only(
      formatAnswer(answer({ declined: true, answer: 'The articles do not say.', citations: [] }), ARTICLES),
    );
    expect(embed.description).toBe('The articles do not say.');
    expect(embed.fields).toEqual([
      {
        name: 'What the articles cover',
        value:
          '• Trump says he would be ‘honoured’ to meet North Korean leader\n' +
          '• [Harbour reopens after winter storm](https://example.com/harbour-reopens)',
      },
    ]);
    expect(embed.footer).toBeUndefined();
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
    expect(embed.description).toBe('• a\\`b\\`\\[x\\](https://evil.example).md: is empty');
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

  test('lists each article with its source and date, linking those with a url', () => {
    const embed = only(formatSources(ARTICLES, stats));
    expect(embed.description).toBe(
      '• **Trump says he would be ‘honoured’ to meet North Korean leader** (Test Gazette, 2024-01-01, 0 ¶)\n' +
        '• [Harbour reopens after winter storm](https://example.com/harbour-reopens) (Test Gazette, 2024-01-01, 0 ¶)',
    );
    expect(embed.footer?.text).toBe('2 articles · 20 paragraphs · 8 speakers · 17 quotes');
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
