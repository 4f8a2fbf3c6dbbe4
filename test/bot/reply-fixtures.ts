import type { APIEmbed } from 'discord.js';
import { expect } from 'vitest';
import type { AskResult, Citation } from '../../src/answer/types.js';
import { DISCORD_LIMITS, embedLength, type ReplyBody } from '../../src/bot/discord-text.js';
import type { Article } from '../../src/knowledge/types.js';

// Hand-built engine results for the reply formatters' tests: the point is the formatting, whatever the
// engine answers.

export const article = (slug: string, title: string, url?: string): Article => ({
  slug,
  title,
  source: 'Test Gazette',
  date: '2024-01-01',
  ...(url ? { url } : {}),
  file: `${slug}.md`,
  contentHash: slug,
  paragraphs: [],
});

export const ARTICLES = [
  article('trump-kim-honoured', 'Trump says he would be ‘honoured’ to meet North Korean leader'),
  article('harbour-reopens', 'Harbour reopens after winter storm', 'https://example.com/harbour-reopens'),
];

export const citation = (overrides: Partial<Citation> = {}): Citation => ({
  id: 'trump-kim-honoured#14',
  doc: 'trump-kim-honoured',
  title: ARTICLES[0]!.title,
  paragraph: 14,
  text: 'White House spokesman Sean Spicer said that “conditions are not there right now”.',
  score: 0.9,
  ...overrides,
});

export const answer = (overrides: Partial<AskResult> = {}): AskResult => ({
  question: 'What did Spicer say?',
  answer: 'Sean Spicer said that “conditions are not there right now”. [¶14]',
  parts: [
    {
      text: 'Sean Spicer said that “conditions are not there right now”.',
      citation: 'trump-kim-honoured#14',
    },
  ],
  declined: false,
  citations: [citation()],
  ...overrides,
});

export type Embed = APIEmbed;
export const only = (reply: { embeds?: Embed[] }): Embed => {
  expect(reply.embeds).toHaveLength(1);
  return reply.embeds![0]!;
};

/** What a reader sees: Discord shows a backslash-escaped punctuation character as the character itself. */
export const rendered = (text: string | undefined): string =>
  (text ?? '').replace(/\\([^\sA-Za-z0-9])/g, '$1');

/**
 * Whether Discord's Markdown would make a link of `text`: a masked link whose "[" is not escaped, or an
 * address with its scheme intact (Discord links those by itself, bare or in <…>). Escaped characters are
 * dropped first, since they are never syntax.
 */
export const hasLink = (text: string | undefined): boolean => {
  const syntax = (text ?? '').replace(/\\[\s\S]/g, '');
  return /\[[\s\S]*\]\(/.test(syntax) || /[a-z][a-z\d+.-]*:\/\//i.test(syntax);
};

/** The link buttons of a reply, as label and address. */
export const buttons = (reply: ReplyBody) =>
  (reply.components ?? []).flatMap((row) =>
    row.components.flatMap((button) => ('url' in button ? [{ label: button.label, url: button.url }] : [])),
  );

/** The other buttons of a reply, as label or emoji and custom id. */
export const actions = (reply: ReplyBody) =>
  (reply.components ?? []).flatMap((row) =>
    row.components.flatMap((button) =>
      'custom_id' in button
        ? [
            {
              label:
                ('label' in button ? button.label : undefined) ??
                ('emoji' in button ? button.emoji?.name : undefined),
              id: button.custom_id,
            },
          ]
        : [],
    ),
  );

/** Every limit Discord enforces on one embed. */
export function expectWithinLimits(embed: Embed): void {
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
