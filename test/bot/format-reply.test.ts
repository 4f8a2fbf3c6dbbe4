import { describe, expect, test } from 'vitest';
import type { ReloadReport } from '../../src/engine/library.js';
import { DISCORD_LIMITS } from '../../src/bot/discord-text.js';
import {
  formatArticleList,
  formatHelp,
  formatNotice,
  formatReloadFailure,
  formatReloadReport,
  formatSources,
} from '../../src/bot/format-reply.js';
import { article, ARTICLES, buttons, expectWithinLimits, hasLink, only, rendered } from './reply-fixtures.js';

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

describe('formatArticleList', () => {
  test('lists each file with its title, slug and size, then what is skipped and why, escaped', () => {
    const reply = formatArticleList({
      articles: [{ ...ARTICLES[1]!, file: 'harbour_reopens.md' }],
      skipped: [{ file: 'notes*.pdf', reason: 'does not end in .md, .markdown or .txt' }],
    });
    const embed = only(reply);
    expect(embed.title).toBe('1 article in the knowledge folder');
    expect(rendered(embed.description)).toBe(
      '• harbour_reopens.md: **Harbour reopens after winter storm** (`harbour-reopens`, 0 ¶)\n' +
        '• notes*.pdf: skipped, does not end in .md, .markdown or .txt',
    );
    expectWithinLimits(embed);
  });
});

describe('formatHelp', () => {
  test('fits on a phone screen and names every command', () => {
    const embed = only(formatHelp({ articles: 3, paragraphs: 40, sentences: 90, speakers: 12, quotes: 30 }));
    expect(embed.description).toContain('3 news articles');
    for (const name of ['/ask', '/quote', '/sources', 'Ask the articles', '/article', '/reload'])
      expect(embed.description).toContain(name);
    expect(embed.description!.length).toBeLessThan(1000);
  });
});
