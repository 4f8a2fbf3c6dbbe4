import {
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIApplicationCommandOptionChoice,
  type APIButtonComponentWithURL,
  type APIEmbed,
  type APIEmbedField,
  type MessageMentionOptions,
} from 'discord.js';
import type { AskResult, Citation } from '../answer/types.js';
import type { ReloadReport } from '../engine/library.js';
import type { IndexStats } from '../engine/knowledge-index.js';
import type { KnowledgeProblem } from '../errors.js';
import type { Article } from '../knowledge/types.js';
import type { QuoteHit, QuoteResult, SpeakerSuggestion } from '../quotes/types.js';

/** Discord's documented limits for messages, embeds and autocomplete; exceeding any fails the request. */
export const DISCORD_LIMITS = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  embedTotal: 6000,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  buttonsPerRow: 5,
  rows: 5,
  buttonLabel: 80,
  buttonUrl: 512,
} as const;

/** How many cited paragraphs or quotes one reply shows; beyond that an embed stops being readable. */
export const MAX_SHOWN_CITATIONS = 5;
export const MAX_SHOWN_QUOTES = 10;

/** Nobody is pinged by anything the bot says, whatever the articles or the question contain. */
export const NO_MENTIONS = { parse: [] } as const satisfies MessageMentionOptions;

/** A row of link buttons, the only links the bot posts. */
export type LinkRow = APIActionRowComponent<APIButtonComponentWithURL>;

/** A reply body usable with reply, editReply and followUp alike. */
export interface ReplyBody {
  content?: string;
  embeds?: APIEmbed[];
  components?: LinkRow[];
  allowedMentions: MessageMentionOptions;
}

const COLOUR = {
  answer: 0x2b6cb0,
  declined: 0x718096,
  quotes: 0x2f855a,
  ok: 0x38a169,
  failed: 0xc53030,
} as const;

/** Shown for any error that is not the user's; the details are in the log, not in the channel. */
export const APOLOGY =
  'Sorry, something went wrong on my side. It has been logged; please try again in a moment.';

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
function plain(text: string): string {
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
function fitEmbed(embed: APIEmbed): APIEmbed {
  const fields = [...(embed.fields ?? [])].slice(0, DISCORD_LIMITS.embedFields);
  const fitted = { ...embed, fields };
  while (embedLength(fitted) > DISCORD_LIMITS.embedTotal && fields.length > 0) fields.pop();
  return fitted;
}

function field(name: string, value: string): APIEmbedField {
  return {
    name: truncate(name, DISCORD_LIMITS.fieldName),
    // Discord rejects an empty field value.
    value: truncate(value, DISCORD_LIMITS.fieldValue) || '\u200b',
  };
}

function citationField(citation: Pick<Citation, 'paragraph' | 'title'>, body: string): APIEmbedField {
  return field(`¶${citation.paragraph} · ${plain(citation.title)}`, body);
}

function articleList(articles: readonly Article[]): string {
  return truncate(articles.map((a) => `• ${plain(a.title)}`).join('\n'), DISCORD_LIMITS.fieldValue);
}

/**
 * A link button for each article with an address, once per address, at most 25. Discord shows a
 * button's target before opening it and nothing in it is Markdown, so no address can pose as another.
 * The parser admits only http(s) addresses; one too long for a button gets none rather than failing
 * the whole reply.
 */
function linkButtons(articles: readonly Pick<Article, 'title' | 'url'>[]): LinkRow[] {
  const byUrl = new Map<string, string>();
  for (const { title, url } of articles) {
    if (url && url.length <= DISCORD_LIMITS.buttonUrl && !byUrl.has(url)) byUrl.set(url, title);
  }
  const buttons = [...byUrl]
    .slice(0, DISCORD_LIMITS.rows * DISCORD_LIMITS.buttonsPerRow)
    .map(([url, title]): APIButtonComponentWithURL => ({
      type: ComponentType.Button,
      style: ButtonStyle.Link,
      label: truncate(title, DISCORD_LIMITS.buttonLabel),
      url,
    }));
  const rows: LinkRow[] = [];
  for (let i = 0; i < buttons.length; i += DISCORD_LIMITS.buttonsPerRow) {
    rows.push({
      type: ComponentType.ActionRow,
      components: buttons.slice(i, i + DISCORD_LIMITS.buttonsPerRow),
    });
  }
  return rows;
}

/**
 * The `/ask` reply: the answer with its `[¶n]` citations, then each cited paragraph with its article's
 * title and link. A decline is an ordinary reply that lists what the articles cover.
 */
export function formatAnswer(result: AskResult, articles: readonly Article[]): ReplyBody {
  const embed: APIEmbed = {
    title: truncate(plain(result.question), DISCORD_LIMITS.embedTitle),
    description: truncate(plain(result.answer), DISCORD_LIMITS.embedDescription),
    color: result.declined ? COLOUR.declined : COLOUR.answer,
  };
  if (result.declined) {
    embed.fields = [field('What the articles cover', articleList(articles))];
    return { embeds: [fitEmbed(embed)], components: linkButtons(articles), allowedMentions: NO_MENTIONS };
  }
  const shown = result.citations.slice(0, MAX_SHOWN_CITATIONS);
  embed.fields = shown.map((c) => citationField(c, plain(c.text)));
  embed.footer = {
    text: truncate(`Sources: ${shown.map((c) => c.id).join(', ')}`, DISCORD_LIMITS.footerText),
  };
  return { embeds: [fitEmbed(embed)], components: linkButtons(shown), allowedMentions: NO_MENTIONS };
}

/** "¶3 and ¶7 of “Title”" for each article among the citation ids. */
function describeMentions(ids: readonly string[], titles: ReadonlyMap<string, string>): string {
  const byDoc = new Map<string, string[]>();
  for (const id of ids) {
    const [doc = id, paragraph = '?'] = id.split('#');
    byDoc.set(doc, [...(byDoc.get(doc) ?? []), `¶${paragraph}`]);
  }
  return [...byDoc]
    .map(([doc, paragraphs]) => `${joinAnd(paragraphs)} of “${plain(titles.get(doc) ?? doc)}”`)
    .join('; ');
}

function joinAnd(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/**
 * The sentence a quote stands in, with the quoted words in bold, so the reader sees who said it and
 * when; just the quote in quotation marks when the sentence does not contain it verbatim.
 */
function quoteInContext(quote: QuoteHit): string {
  const text = plain(quote.text);
  const context = plain(quote.context);
  const at = context.indexOf(text);
  if (text.length === 0 || at === -1) return /^["“‘']/.test(text) ? text : `“${text}”`;
  return `${context.slice(0, at)}**${text}**${context.slice(at + text.length)}`;
}

/**
 * The `/quote` reply: the speaker's quotes with citations, or that they are mentioned but never quoted,
 * or that nobody by that name is known, with the nearest names.
 */
export function formatQuotes(result: QuoteResult, articles: readonly Article[]): ReplyBody {
  const titles = new Map(articles.map((a) => [a.slug, a.title]));
  const query = plain(result.query);
  let embed: APIEmbed;
  let quoted: readonly Article[] = [];
  if (result.speaker !== null && result.quotes.length > 0) {
    const shown = result.quotes.slice(0, MAX_SHOWN_QUOTES);
    const more = result.quotes.length - shown.length;
    embed = {
      title: truncate(`What ${plain(result.speaker)} said`, DISCORD_LIMITS.embedTitle),
      description: `${result.quotes.length} ${result.quotes.length === 1 ? 'quote' : 'quotes'} in the articles${more > 0 ? `; the first ${shown.length} are shown` : ''}.`,
      color: COLOUR.quotes,
      fields: shown.map((q) =>
        citationField({ paragraph: q.paragraph, title: titles.get(q.doc) ?? q.doc }, quoteInContext(q)),
      ),
      footer: {
        text: truncate(
          `Sources: ${[...new Set(shown.map((q) => q.id))].join(', ')}`,
          DISCORD_LIMITS.footerText,
        ),
      },
    };
    const docs = new Set(shown.map((q) => q.doc));
    quoted = articles.filter((a) => docs.has(a.slug));
  } else if (result.speaker !== null) {
    const where =
      result.mentioned.length > 0
        ? ` They are mentioned in ${describeMentions(result.mentioned, titles)}.`
        : '';
    embed = {
      title: truncate(plain(result.speaker), DISCORD_LIMITS.embedTitle),
      description: truncate(
        `The articles never quote ${plain(result.speaker)} directly.${where}`,
        DISCORD_LIMITS.embedDescription,
      ),
      color: COLOUR.declined,
    };
  } else {
    const hint =
      result.suggestions.length > 0
        ? `Did you mean ${joinAnd(result.suggestions.map((s) => `**${plain(s)}**`))}?`
        : 'Start typing a name and pick one of the suggestions.';
    embed = {
      title: truncate(`No one called “${query}”`, DISCORD_LIMITS.embedTitle),
      description: truncate(
        `I know of no one by that name in the articles. ${hint}`,
        DISCORD_LIMITS.embedDescription,
      ),
      color: COLOUR.declined,
    };
  }
  return { embeds: [fitEmbed(embed)], components: linkButtons(quoted), allowedMentions: NO_MENTIONS };
}

/** Autocomplete choices for `/quote speaker:`: at most 25, best first, within Discord's length limits. */
export function formatSpeakerChoices(
  suggestions: readonly SpeakerSuggestion[],
): APIApplicationCommandOptionChoice<string>[] {
  return suggestions
    .filter((s) => s.name.length > 0 && s.name.length <= DISCORD_LIMITS.choiceValue)
    .slice(0, DISCORD_LIMITS.choices)
    .map((s) => ({
      name: truncate(
        s.quoteCount > 0 ? `${s.name} (${s.quoteCount} ${s.quoteCount === 1 ? 'quote' : 'quotes'})` : s.name,
        DISCORD_LIMITS.choiceName,
      ),
      value: s.name,
    }));
}

// Slugs may sit in code spans: the parser admits only lowercase letters, digits and hyphens.
function listOrNone(label: string, slugs: readonly string[]): string | undefined {
  return slugs.length > 0 ? `**${label}:** ${slugs.map((s) => `\`${s}\``).join(', ')}` : undefined;
}

/** The moderator's report after a successful `/reload`: what changed, what was re-embedded, how long it took. */
export function formatReloadReport(report: ReloadReport): ReplyBody {
  const changes = [
    listOrNone('Added', report.added),
    listOrNone('Removed', report.removed),
    listOrNone('Changed', report.changed),
  ].filter((line): line is string => line !== undefined);
  const lines = [
    ...(changes.length > 0 ? changes : ['No article was added, removed or changed.']),
    `**Unchanged:** ${report.unchanged} ${report.unchanged === 1 ? 'article' : 'articles'}`,
    `**Re-embedded:** ${report.embeddedTexts} ${report.embeddedTexts === 1 ? 'text' : 'texts'} (the rest came from the cache)`,
    ...report.skipped.map((s) => `**Skipped:** ${plain(s.file)}: ${plain(s.reason)}`),
    `**Took:** ${(report.durationMs / 1000).toFixed(1)} s`,
    `Now answering from ${report.stats.articles} articles, ${report.stats.paragraphs} paragraphs and ${report.stats.quotes} quotes.`,
  ];
  return {
    embeds: [
      fitEmbed({
        title: 'Knowledge base reloaded',
        description: truncate(lines.join('\n'), DISCORD_LIMITS.embedDescription),
        color: COLOUR.ok,
      }),
    ],
    allowedMentions: NO_MENTIONS,
  };
}

/** The moderator's report when `/reload` failed: every broken file and why; the old index still serves. */
export function formatReloadFailure(problems: readonly KnowledgeProblem[]): ReplyBody {
  // No code span for the file name: a backtick in the name would close it.
  const lines = problems.map((p) => `• ${plain(p.file)}: ${plain(p.problem)}`);
  return {
    embeds: [
      fitEmbed({
        title: 'Reload failed: still answering from the previous knowledge base',
        description: truncate(lines.join('\n'), DISCORD_LIMITS.embedDescription),
        footer: { text: 'Fix the files above and run /reload again.' },
        color: COLOUR.failed,
      }),
    ],
    allowedMentions: NO_MENTIONS,
  };
}

/**
 * A message for the person who caused an error (bad input, not allowed, on cooldown), or the apology.
 * Shown as written: notices are the bot's own words and never echo what the user typed.
 */
export function formatNotice(message: string): ReplyBody {
  return { content: truncate(message, DISCORD_LIMITS.content), allowedMentions: NO_MENTIONS };
}

/** The `/sources` reply: every article the bot answers from, with its source and date, and link buttons. */
export function formatSources(articles: readonly Article[], stats: IndexStats): ReplyBody {
  const lines = articles.map((a) => {
    const title = `**${plain(a.title)}**`;
    const origin = [a.source, a.date].filter(Boolean).map((s) => plain(String(s)));
    return `• ${title} (${[...origin, `${a.paragraphs.length} ¶`].join(', ')})`;
  });
  let description = '';
  for (const [i, line] of lines.entries()) {
    const more = `\n… and ${lines.length - i} more`;
    if (description.length + line.length + 1 + more.length > DISCORD_LIMITS.embedDescription) {
      description += more;
      break;
    }
    description += `${i === 0 ? '' : '\n'}${line}`;
  }
  return {
    embeds: [
      fitEmbed({
        title: 'What I can answer from',
        description: description || 'No articles are loaded.',
        footer: {
          text: `${stats.articles} articles · ${stats.paragraphs} paragraphs · ${stats.speakers} speakers · ${stats.quotes} quotes`,
        },
        color: COLOUR.answer,
      }),
    ],
    components: linkButtons(articles),
    allowedMentions: NO_MENTIONS,
  };
}
