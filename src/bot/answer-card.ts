import { ButtonStyle, ComponentType, type APIButtonComponent, type APIEmbed } from 'discord.js';
import type { AnswerPart, AskResult, Citation } from '../answer/types.js';
import type { Article } from '../knowledge/types.js';
import { decodeRefs, encodeRefs, refOf, textStamp, type ParagraphRef } from './button-ids.js';
import {
  buttonRows,
  COLOUR,
  DISCORD_LIMITS,
  NO_MENTIONS,
  plain,
  truncate,
  type ReplyBody,
} from './discord-text.js';

/** How much of a supporting paragraph the card shows when it does not quote it in full. */
const EXCERPT_CHARS = 70;
/**
 * Characters of quoted passages a card shows in full, about nine lines on a phone. Passages beyond it,
 * weakest first, shrink to an excerpt: the full text is one "Show sources" away.
 */
const CARD_ANSWER_CHARS = 360;
/** Supporting paragraphs beyond the quoted ones that the card mentions; "Show sources" has them all. */
const MAX_EXTRA_CITATIONS = 2;

/** The button ids of an answer card; `ask`'s module handles them. */
export const ASK_BUTTONS = { sources: 'sources', vote: 'vote' } as const;

/**
 * The `/ask` reply as a compact card: the question, the article it answers from (linked when it has an
 * address), the quoted passages each followed by its `¶n`, and a short excerpt of any other supporting
 * paragraph. Under it: "Show sources" (the full paragraphs, to the clicking member only), "Read the
 * article" and 👍/👎. A decline says why and keeps the feedback buttons: a wrong decline is worth hearing.
 */
export function formatAnswer(result: AskResult, articles: readonly Article[]): ReplyBody {
  const bySlug = new Map(articles.map((a) => [a.slug, a]));
  const byId = new Map(result.citations.map((c) => [c.id, c]));
  const embed: APIEmbed = {
    title: truncate(plain(result.question), DISCORD_LIMITS.embedTitle),
    color: result.declined ? COLOUR.declined : COLOUR.answer,
  };
  const shown = partsThatFit(result, byId);
  // The card's order, which "Show sources" follows: the passages shown in full, then those left out
  // for length, then the other supporting paragraphs, best first.
  const cited = cardOrder(result, shown, byId);
  const docs = [...new Set(cited.map((c) => c.doc))];
  if (result.declined || result.parts.length === 0) {
    embed.description = truncate(plain(result.answer), DISCORD_LIMITS.embedDescription);
  } else {
    embed.description = truncate(
      describeParts(shown, byId, docs.length > 1),
      DISCORD_LIMITS.embedDescription,
    );
    const quoted = new Set(shown.map((p) => p.citation));
    const extras = cited.filter((c) => !quoted.has(c.id)).slice(0, MAX_EXTRA_CITATIONS);
    if (extras.length > 0) {
      // Subtext: smaller and greyer, so the answer stays what the eye reads first.
      // A passage left out for length is excerpted from itself, a paragraph never quoted from its start.
      const excerpt = (c: Citation) => result.parts.find((p) => p.citation === c.id)?.text ?? c.text;
      const also = extras.map((c) => `¶${c.paragraph} ${plain(truncate(excerpt(c), EXCERPT_CHARS))}`);
      embed.description = truncate(
        `${embed.description}\n-# Also ${also.join(' · ')}`,
        DISCORD_LIMITS.embedDescription,
      );
    }
  }
  const only = docs.length === 1 ? bySlug.get(docs[0]!) : undefined;
  if (only) {
    embed.author = {
      name: truncate(only.title, DISCORD_LIMITS.authorName),
      ...(only.url && only.url.length <= DISCORD_LIMITS.buttonUrl ? { url: only.url } : {}),
    };
  } else if (docs.length > 1) {
    embed.author = { name: `From ${docs.length} articles` };
  }

  const refs = cited.flatMap((c) => refOf(c.id) ?? []);
  const buttons: APIButtonComponent[] = [];
  // The stamp is a fixed 8 characters, so the room for citations is known before it is computed, over
  // the citations that fit.
  const sourcesRefs = encodeRefs(
    refs,
    DISCORD_LIMITS.customId - `ask:${ASK_BUTTONS.sources}:12345678:`.length,
  );
  const stamp = textStamp(cited.slice(0, decodeRefs(sourcesRefs).length).map((c) => c.text));
  // A slug too long to leave room for even one citation gets no button rather than one that shows nothing.
  if (sourcesRefs !== '')
    buttons.push(button(`ask:${ASK_BUTTONS.sources}:${stamp}:${sourcesRefs}`, 'Show sources', '📄'));
  const link = docs.map((d) => bySlug.get(d)?.url).find((u) => u && u.length <= DISCORD_LIMITS.buttonUrl);
  if (link)
    buttons.push({
      type: ComponentType.Button,
      style: ButtonStyle.Link,
      label: 'Read the article',
      url: link,
    });
  for (const vote of ['up', 'down'] as const) {
    const id = `ask:${ASK_BUTTONS.vote}:${vote}:`;
    buttons.push(
      button(
        `${id}${encodeRefs(refs, DISCORD_LIMITS.customId - id.length)}`,
        undefined,
        vote === 'up' ? '👍' : '👎',
      ),
    );
  }
  return { embeds: [embed], components: buttonRows(buttons), allowedMentions: NO_MENTIONS };
}

/** The answer's citations in the order the card shows them (see formatAnswer). */
function cardOrder(
  result: AskResult,
  shown: readonly AnswerPart[],
  byId: ReadonlyMap<string, Citation>,
): Citation[] {
  const ordered: Citation[] = [];
  for (const part of [...shown, ...result.parts]) {
    const citation = byId.get(part.citation);
    if (citation && !ordered.includes(citation)) ordered.push(citation);
  }
  for (const citation of result.citations) if (!ordered.includes(citation)) ordered.push(citation);
  return ordered;
}

/**
 * The passages the card quotes in full, in reading order: the best-supported first, then others while
 * they fit CARD_ANSWER_CHARS. The strongest passage is always shown, however long.
 */
function partsThatFit(result: AskResult, byId: ReadonlyMap<string, Citation>): AnswerPart[] {
  const score = (part: AnswerPart) => byId.get(part.citation)?.score ?? 0;
  const kept = new Set<AnswerPart>();
  let length = 0;
  for (const part of [...result.parts].sort((a, b) => score(b) - score(a))) {
    if (kept.size > 0 && length + part.text.length > CARD_ANSWER_CHARS) continue;
    kept.add(part);
    length += part.text.length;
  }
  return result.parts.filter((part) => kept.has(part));
}

/**
 * The passages with their `¶n`; from several articles, each article's passages under its title.
 * Consecutive passages of one paragraph share a line and one `¶n`: the same citation twice in a row
 * only costs a phone line.
 */
function describeParts(
  parts: readonly AnswerPart[],
  byId: ReadonlyMap<string, Citation>,
  multiArticle: boolean,
): string {
  const lines: { text: string; citation: Citation | undefined }[] = [];
  let lastDoc: string | undefined;
  for (const part of parts) {
    const citation = byId.get(part.citation);
    const previous = lines.at(-1);
    if (citation && previous?.citation === citation) {
      previous.text += ` ${plain(part.text)}`;
      continue;
    }
    if (multiArticle && citation && citation.doc !== lastDoc)
      lines.push({ text: `**${plain(citation.title)}**`, citation: undefined });
    lastDoc = citation?.doc;
    lines.push({ text: plain(part.text), citation });
  }
  // A no-break space keeps "¶14" on the line of the text it cites.
  return lines
    .map(({ text, citation }) => `${text}${citation ? `\u00a0¶${citation.paragraph}` : ''}`)
    .join('\n');
}

function button(customId: string, label: string | undefined, emoji: string): APIButtonComponent {
  return {
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    custom_id: customId,
    ...(label ? { label } : {}),
    emoji: { name: emoji },
  };
}

/**
 * "Show sources": the full cited paragraphs in answer order, as they are now, one embed per article.
 * A paragraph gone since the answer is named as gone; an edit since is said before the text.
 */
export function formatCitedParagraphs(
  refs: readonly ParagraphRef[],
  stamp: string,
  articles: readonly Article[],
): ReplyBody {
  const bySlug = new Map(articles.map((a) => [a.slug, a]));
  const found: { article: Article; number: number; text: string }[] = [];
  const gone: string[] = [];
  for (const { doc, paragraph } of refs) {
    const article = bySlug.get(doc);
    const text = article?.paragraphs.find((p) => p.number === paragraph)?.text;
    if (article && text !== undefined) found.push({ article, number: paragraph, text });
    else gone.push(article ? `¶${paragraph} of “${plain(article.title)}”` : `¶${paragraph} of an article`);
  }
  const notes: string[] = [];
  if (gone.length > 0)
    notes.push(`${gone.join(', ')} ${gone.length === 1 ? 'is' : 'are'} no longer in the knowledge base.`);
  else if (refs.length === 0) notes.push('This answer cites no paragraphs.');
  else if (textStamp(found.map((f) => f.text)) !== stamp)
    notes.push('The articles have been edited since this answer; these are the paragraphs as they are now.');

  // Discord counts every embed of a message towards one 6,000-character total: each article gets its share.
  const shown = [...new Set(found.map((f) => f.article))].slice(0, 10);
  const share = Math.floor(DISCORD_LIMITS.embedTotal / Math.max(1, shown.length));
  const embeds = shown.map((article): APIEmbed => {
    const name = truncate(article.title, DISCORD_LIMITS.authorName);
    const paragraphs = found.filter((f) => f.article === article);
    return {
      author: {
        name,
        ...(article.url && article.url.length <= DISCORD_LIMITS.buttonUrl ? { url: article.url } : {}),
      },
      description: truncate(
        paragraphs.map((p) => `**¶${p.number}** ${plain(p.text)}`).join('\n\n'),
        Math.min(DISCORD_LIMITS.embedDescription, share - name.length),
      ),
      color: COLOUR.answer,
    };
  });
  return {
    ...(notes.length > 0 ? { content: truncate(notes.join(' '), DISCORD_LIMITS.content) } : {}),
    embeds,
    allowedMentions: NO_MENTIONS,
  };
}
