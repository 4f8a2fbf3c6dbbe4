import {
  ComponentType,
  type APIActionRowComponent,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  type MessageMentionOptions,
} from 'discord.js';

/** Discord's documented limits for messages, embeds, components and autocomplete; exceeding any fails the request. */
export const DISCORD_LIMITS = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  embedTotal: 6000,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  buttonsPerRow: 5,
  rows: 5,
  buttonLabel: 80,
  buttonUrl: 512,
  customId: 100,
} as const;

/** Nobody is pinged by anything the bot says, whatever the articles or the question contain. */
export const NO_MENTIONS = { parse: [] } as const satisfies MessageMentionOptions;

/** A row of buttons under a reply. */
export type ButtonRow = APIActionRowComponent<APIComponentInMessageActionRow>;

/** A reply body usable with reply, editReply, followUp and update alike. */
export interface ReplyBody {
  content?: string;
  embeds?: APIEmbed[];
  components?: ButtonRow[];
  allowedMentions: MessageMentionOptions;
}

export const COLOUR = {
  answer: 0x2b6cb0,
  declined: 0x718096,
  quotes: 0x2f855a,
  ok: 0x38a169,
  failed: 0xc53030,
} as const;

/**
 * Shortens `text` to at most `max` characters, ending with "…", cutting at a word boundary when one is
 * near, and never between the two halves of a surrogate pair.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = max - 1;
  const space = text.lastIndexOf(' ', cut);
  if (space > cut * 0.8) cut = space;
  if (/[\uDC00-\uDFFF]/.test(text.charAt(cut))) cut -= 1;
  return `${text.slice(0, cut).trimEnd()}…`;
}

/**
 * Article text and user input are data, not Markdown: `*` in a quote must not turn into italics, and
 * `[FREE NITRO](https://…)` or a bare address in a question must not become a link the bot posts.
 * Discord shows a backslash-escaped punctuation character as the character itself, so the reader sees
 * the text exactly as written. (discord.js's escapeMarkdown does not fit: it leaves masked links,
 * block quotes and subtext alone, and skips `_` and `*` inside addresses, which would turn into
 * formatting once the address is no longer a link.)
 */
export function plain(text: string): string {
  // Nothing longer than a description is ever shown, so nothing longer is escaped.
  return (
    truncate(text, DISCORD_LIMITS.embedDescription)
      // Inline formatting, code, spoilers and the backslash itself, wherever they are.
      .replace(/[\\*_~|`]/g, '\\$&')
      // Headings, block quotes, lists and subtext only mean something at the start of a line.
      .replace(/^(\s*)([#>+-])/gm, '$1\\$2')
      .replace(/^(\s*\d+)\./gm, '$1\\.')
      // A masked link needs a "[" with "](" after it; escaping such a "[" leaves no link to open.
      .replace(/\[(?=[\s\S]*\]\()/g, '\\[')
      // Discord links any "scheme://", bare or in <…>; "https\://" reads the same and links nowhere.
      .replace(/:(?=\/\/)/g, '\\:')
  );
}

/**
 * A member's text without Discord's own markup (mentions of members, roles and channels, custom emoji,
 * timestamps), which names nothing in the articles: "<@123…> what did Roe say <:pepe:456…>" asks
 * what Roe said, not what she said about "pepe".
 */
export function withoutMarkup(text: string): string {
  return text
    .replace(/<(?:@[!&]?|#)\d+>|<a?:\w+:\d+>|<t:-?\d+(?::[a-zA-Z])?>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The text `plain` escaped, as written: for reading back what the bot itself posted. */
export function unescapePlain(text: string): string {
  return text.replace(/\\([^\p{L}\p{N}\s])/gu, '$1');
}

/** Total characters Discord counts towards the 6000-character embed limit. */
export function embedLength(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0)
  );
}

/** Drops trailing fields until the embed fits Discord's total limit; earlier fields are the best ones. */
export function fitEmbed(embed: APIEmbed): APIEmbed {
  const fields = [...(embed.fields ?? [])].slice(0, DISCORD_LIMITS.embedFields);
  const fitted = { ...embed, fields };
  while (embedLength(fitted) > DISCORD_LIMITS.embedTotal && fields.length > 0) fields.pop();
  return fitted;
}

/** "a", "a and b", "a, b and c". */
export function joinAnd(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** Lays buttons out in rows of five, at most five rows. */
export function buttonRows(buttons: readonly APIComponentInMessageActionRow[]): ButtonRow[] {
  const rows: ButtonRow[] = [];
  const shown = buttons.slice(0, DISCORD_LIMITS.rows * DISCORD_LIMITS.buttonsPerRow);
  for (let i = 0; i < shown.length; i += DISCORD_LIMITS.buttonsPerRow) {
    rows.push({
      type: ComponentType.ActionRow,
      components: shown.slice(i, i + DISCORD_LIMITS.buttonsPerRow),
    });
  }
  return rows;
}
