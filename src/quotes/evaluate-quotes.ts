import { z } from 'zod';
import { normaliseName, type QuoteIndex } from './quote-index.js';
import type { QuoteResult } from './types.js';

/** The quote part of an eval file: every direct quote by speaker, and people named but never quoted. */
export const quoteEvalSchema = z.object({
  quote: z.record(z.string(), z.array(z.string())),
  mentioned_not_quoted: z.array(z.string()).default([]),
});

export type QuoteEvalData = z.input<typeof quoteEvalSchema>;

/** Scores of the quote index against an eval file, with what went wrong, for `npm run eval` to print. */
export interface QuoteEvaluation {
  /** Correctly attributed quotes over all attributed quotes (1 when nothing was attributed). */
  precision: number;
  /** Gold quotes returned for their speaker over all gold quotes. */
  recall: number;
  correct: number;
  attributed: number;
  gold: number;
  /** Gold quotes not returned for their speaker. */
  misses: { speaker: string; text: string }[];
  /** Quotes attributed to someone who, per the eval file, did not say them. */
  extras: { speaker: string; text: string; id: string }[];
  /** Named-but-unquoted people: found, with mentions and without quotes? */
  mentionedNotQuoted: { name: string; ok: boolean; problem?: string }[];
}

/** Compares quote text as a reader would: same words, whatever the quote marks, spacing or final stop. */
function sameQuote(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[’‘]/gu, "'")
    .replace(/[“”]/gu, '"')
    .replace(/\s+/gu, ' ')
    .trim()
    .replace(/[\s,.;:]+$/u, '')
    .toLowerCase();
}

/**
 * Precision and recall of attribution against an eval file's `quote` map and `mentioned_not_quoted` list.
 * Gold speakers are found through the index's own lookup, so a name the index cannot resolve costs recall.
 * `docs` limits the count of attributed quotes to the articles the eval file describes; with one article,
 * its own people are preferred (see `resolve`).
 */
export function evaluateQuotes(
  index: QuoteIndex,
  evalData: QuoteEvalData,
  docs?: readonly string[],
  /** What `/quote` answers for a name: the engine's, which also finds names the registry does not know. */
  lookup: (name: string) => QuoteResult = (name) => index.lookup(name),
): QuoteEvaluation {
  const data = quoteEvalSchema.parse(evalData);
  const inScope = (doc: string): boolean => !docs || docs.includes(doc);

  // Gold, keyed by the canonical name the index uses for each gold speaker.
  const gold = new Map<string, { speaker: string; texts: Map<string, string> }>();
  const misses: QuoteEvaluation['misses'] = [];
  let goldCount = 0;
  // With one article in scope, a gold name is first looked for among that article's people: two
  // articles may name different people alike, and the index (rightly) takes one full name for one person.
  const [onlyDoc] = docs?.length === 1 ? docs : [];
  const resolve = (name: string): string | null => {
    if (onlyDoc) {
      const here = index.people.filter(
        (p) =>
          p.mentionedIn.some((id) => id.startsWith(`${onlyDoc}#`)) &&
          p.aliases.some((alias) => normaliseName(alias) === normaliseName(name)),
      );
      if (here.length === 1) return here[0]!.canonical;
    }
    return index.lookup(name).speaker;
  };
  for (const [speaker, texts] of Object.entries(data.quote)) {
    goldCount += texts.length;
    const canonical = resolve(speaker);
    if (!canonical) {
      misses.push(...texts.map((text) => ({ speaker, text })));
      continue;
    }
    const entry = gold.get(normaliseName(canonical)) ?? { speaker, texts: new Map<string, string>() };
    for (const text of texts) entry.texts.set(sameQuote(text), text);
    gold.set(normaliseName(canonical), entry);
  }

  const found = new Set<string>();
  const extras: QuoteEvaluation['extras'] = [];
  let attributed = 0;
  let correct = 0;
  for (const quote of index.quotes) {
    if (!quote.speaker || !inScope(quote.doc)) continue;
    attributed += 1;
    const entry = gold.get(normaliseName(quote.speaker));
    const key = sameQuote(quote.text);
    if (entry?.texts.has(key)) {
      correct += 1;
      found.add(`${normaliseName(quote.speaker)}\u0000${key}`);
    } else {
      extras.push({ speaker: quote.speaker, text: quote.text, id: quote.id });
    }
  }
  for (const [canonical, entry] of gold) {
    for (const [key, text] of entry.texts) {
      if (!found.has(`${canonical}\u0000${key}`)) misses.push({ speaker: entry.speaker, text });
    }
  }

  const mentionedNotQuoted = data.mentioned_not_quoted.map((name) => {
    const result = lookup(resolve(name) ?? name);
    if (!result.speaker) return { name, ok: false, problem: 'not found' };
    if (result.quotes.length > 0)
      return { name, ok: false, problem: `${result.quotes.length} quote(s) attributed` };
    if (result.mentioned.length === 0) return { name, ok: false, problem: 'no mentions cited' };
    return { name, ok: true };
  });

  return {
    precision: attributed === 0 ? 1 : correct / attributed,
    recall: goldCount === 0 ? 1 : (goldCount - misses.length) / goldCount,
    correct,
    attributed,
    gold: goldCount,
    misses,
    extras,
    mentionedNotQuoted,
  };
}
