import {
  ButtonStyle,
  ComponentType,
  type APIApplicationCommandOptionChoice,
  type APIButtonComponent,
  type APIEmbed,
} from 'discord.js';
import type { Article } from '../knowledge/types.js';
import type { QuoteHit, QuoteResult, SpeakerSuggestion } from '../quotes/types.js';
import {
  buttonRows,
  COLOUR,
  DISCORD_LIMITS,
  joinAnd,
  NO_MENTIONS,
  plain,
  truncate,
  type ReplyBody,
} from './discord-text.js';

/** How many quotes the card lists; "Show context" has them all (up to what one message holds). */
const MAX_SHOWN_QUOTES = 8;
/** A quote longer than this is cut in the card; "Show context" shows it whole. */
const QUOTE_CHARS = 180;

/** The button ids of a quote card; `quote`'s module handles them. */
export const QUOTE_BUTTONS = { context: 'context' } as const;

/**
 * The `/quote` reply as a compact card: the speaker's quotes, each with its `¶n`, the article named once
 * (linked), and a "Show context" button for the sentences around them. When the person is named but
 * never quoted, it says so and where they are mentioned.
 */
export function formatQuotes(result: QuoteResult, articles: readonly Article[]): ReplyBody {
  if (result.speaker === null) return formatUnknownSpeaker(result);
  const bySlug = new Map(articles.map((a) => [a.slug, a]));
  const speaker = plain(result.speaker);
  if (result.quotes.length === 0) {
    const where =
      result.mentioned.length > 0
        ? ` They are mentioned in ${describeMentions(result.mentioned, bySlug)}.`
        : '';
    return {
      embeds: [
        {
          title: truncate(speaker, DISCORD_LIMITS.embedTitle),
          description: truncate(
            `The articles never quote ${speaker} directly.${where}`,
            DISCORD_LIMITS.embedDescription,
          ),
          color: COLOUR.declined,
        },
      ],
      allowedMentions: NO_MENTIONS,
    };
  }

  const shown = result.quotes.slice(0, MAX_SHOWN_QUOTES);
  const docs = [...new Set(shown.map((q) => q.doc))];
  const lines: string[] = [];
  let lastDoc: string | undefined;
  for (const quote of shown) {
    if (docs.length > 1 && quote.doc !== lastDoc)
      lines.push(`**${plain(bySlug.get(quote.doc)?.title ?? quote.doc)}**`);
    lastDoc = quote.doc;
    lines.push(`${quoted(truncate(quote.text, QUOTE_CHARS))}\u00a0¶${quote.paragraph}`);
  }
  const more = result.quotes.length - shown.length;
  if (more > 0) lines.push(`-# and ${more} more ${more === 1 ? 'quote' : 'quotes'}`);
  const embed: APIEmbed = {
    title: truncate(`What ${speaker} said`, DISCORD_LIMITS.embedTitle),
    description: truncate(lines.join('\n'), DISCORD_LIMITS.embedDescription),
    color: COLOUR.quotes,
  };
  const only = docs.length === 1 ? bySlug.get(docs[0]!) : undefined;
  if (only) embed.author = { name: truncate(only.title, DISCORD_LIMITS.authorName), ...linkOf(only) };

  const buttons: APIButtonComponent[] = [];
  const contextId = `quote:${QUOTE_BUTTONS.context}:${result.speaker}`;
  if (contextId.length <= DISCORD_LIMITS.customId) {
    buttons.push({
      type: ComponentType.Button,
      style: ButtonStyle.Secondary,
      custom_id: contextId,
      label: 'Show context',
      emoji: { name: '📄' },
    });
  }
  const url = only?.url;
  if (url && url.length <= DISCORD_LIMITS.buttonUrl)
    buttons.push({ type: ComponentType.Button, style: ButtonStyle.Link, label: 'Read the article', url });
  return { embeds: [embed], components: buttonRows(buttons), allowedMentions: NO_MENTIONS };
}

/** Nobody by that name: the nearest names, or how to find one. Shown to the asker only. */
function formatUnknownSpeaker(result: QuoteResult): ReplyBody {
  const hint =
    result.suggestions.length > 0
      ? `Did you mean ${joinAnd(result.suggestions.map((s) => `**${plain(s)}**`))}?`
      : 'Start typing a name and pick one of the suggestions.';
  return {
    embeds: [
      {
        title: truncate(`No one called “${plain(result.query)}”`, DISCORD_LIMITS.embedTitle),
        description: truncate(
          `I know of no one by that name in the articles. ${hint}`,
          DISCORD_LIMITS.embedDescription,
        ),
        color: COLOUR.declined,
      },
    ],
    allowedMentions: NO_MENTIONS,
  };
}

/**
 * "Show context": each quote in the sentence it stands in, the quoted words in bold, grouped by article;
 * from the index as it is now.
 */
export function formatQuoteContext(result: QuoteResult, articles: readonly Article[]): ReplyBody {
  if (result.speaker === null || result.quotes.length === 0) {
    return {
      content: `The articles no longer quote ${plain(result.speaker ?? result.query)}.`,
      allowedMentions: NO_MENTIONS,
    };
  }
  const bySlug = new Map(articles.map((a) => [a.slug, a]));
  const docs = [...new Set(result.quotes.map((q) => q.doc))].slice(0, 10);
  const share = Math.floor(DISCORD_LIMITS.embedTotal / docs.length);
  const embeds = docs.map((doc): APIEmbed => {
    const article = bySlug.get(doc);
    const name = truncate(article?.title ?? doc, DISCORD_LIMITS.authorName);
    const lines = result.quotes
      .filter((q) => q.doc === doc)
      .map((q) => `**¶${q.paragraph}** ${inContext(q)}`);
    return {
      author: { name, ...(article ? linkOf(article) : {}) },
      description: truncate(
        lines.join('\n\n'),
        Math.min(DISCORD_LIMITS.embedDescription, share - name.length),
      ),
      color: COLOUR.quotes,
    };
  });
  return { embeds, allowedMentions: NO_MENTIONS };
}

function linkOf(article: Pick<Article, 'url'>): { url?: string } {
  return article.url && article.url.length <= DISCORD_LIMITS.buttonUrl ? { url: article.url } : {};
}

/** The quote in quotation marks, unless it already opens with one. */
function quoted(text: string): string {
  const shown = plain(text);
  return /^["“‘']/.test(text) ? shown : `“${shown}”`;
}

/**
 * The sentence a quote stands in, with the quoted words in bold, so the reader sees who said it and
 * when; just the quote in quotation marks when the sentence does not contain it verbatim.
 */
function inContext(quote: QuoteHit): string {
  const text = plain(quote.text);
  const context = plain(quote.context);
  const at = context.indexOf(text);
  if (text.length === 0 || at === -1) return quoted(quote.text);
  return `${context.slice(0, at)}**${text}**${context.slice(at + text.length)}`;
}

/** "¶3 and ¶7 of “Title”" for each article among the citation ids. */
function describeMentions(ids: readonly string[], bySlug: ReadonlyMap<string, Article>): string {
  const byDoc = new Map<string, string[]>();
  for (const id of ids) {
    const [doc = id, paragraph = '?'] = id.split('#');
    byDoc.set(doc, [...(byDoc.get(doc) ?? []), `¶${paragraph}`]);
  }
  return [...byDoc]
    .map(([doc, paragraphs]) => `${joinAnd(paragraphs)} of “${plain(bySlug.get(doc)?.title ?? doc)}”`)
    .join('; ');
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
