import type { QuoteSpan, ReadingUnit } from './extract-quotes.js';
import { tagger } from './tagger.js';
import { knowsVerb } from '../language/wordnet.js';

/** A word, a punctuation mark, or (in the outer stream) a whole quotation standing as one token. */
export interface Token {
  text: string;
  /** Lower case, without a possessive ’s. */
  lower: string;
  start: number;
  end: number;
  kind: 'word' | 'punct' | 'quote';
  /** Index of the quote this token stands for (outer stream) or sits in (inner streams); -1 outside quotes. */
  quote: number;
  /** Index of the reading unit the token falls in. */
  unit: number;
  /** Starts with a capital letter. */
  capitalised: boolean;
  /** First word of a sentence, or of a quotation, or after a colon: its capital says nothing. */
  sentenceInitial: boolean;
  /** Ends in ’s or 's, which has been dropped from `lower`. */
  possessive: boolean;
  /** compromise's part-of-speech tags for the word in context. */
  tags: ReadonlySet<string>;
}

/** A paragraph as tokens: the text around quotes (each quote one token) and the words inside each quote. */
export interface ParagraphTokens {
  outer: Token[];
  inner: Token[][];
}

const WORD = /(?:\p{L}\.){2,}|[\p{L}\p{N}]+(?:['’\-.][\p{L}\p{N}]+)*/uy;
const NO_TAGS: ReadonlySet<string> = new Set();

function tagsByOffset(text: string): Map<number, Set<string>> {
  const byStart = new Map<number, Set<string>>();
  const sentences = tagger()
    .nlp(text)
    .json({ offset: true, terms: { offset: true } }) as {
    terms: { tags: string[]; offset: { start: number; length: number } }[];
  }[];
  for (const sentence of sentences) {
    for (const term of sentence.terms) byStart.set(term.offset.start, new Set(term.tags));
  }
  return byStart;
}

function unitAt(units: readonly ReadingUnit[], offset: number): number {
  let found = 0;
  for (let i = 0; i < units.length; i++) if ((units[i]?.start ?? 0) <= offset) found = i;
  return found;
}

function tokenizeRange(
  text: string,
  from: number,
  to: number,
  quote: number,
  units: readonly ReadingUnit[],
  tags: Map<number, Set<string>>,
): Token[] {
  const tokens: Token[] = [];
  let i = from;
  while (i < to) {
    const ch = text[i] ?? '';
    if (/\s/u.test(ch)) {
      i += 1;
      continue;
    }
    WORD.lastIndex = i;
    const match = WORD.exec(text);
    if (match && match.index === i && i + match[0].length <= to) {
      // "the Workers’ Union": a plural's possessive apostrophe stays with its word.
      const pluralOwner =
        /s$/u.test(match[0]) &&
        /['’]/u.test(text[i + match[0].length] ?? '') &&
        /[\s]/u.test(text[i + match[0].length + 1] ?? '');
      const raw = pluralOwner ? match[0] + text[i + match[0].length]! : match[0];
      const possessive = (/['’]s$/u.test(raw) && raw.length > 2) || pluralOwner;
      const base = possessive ? raw.slice(0, pluralOwner ? -1 : -2) : raw;
      tokens.push({
        text: base,
        lower: base.toLowerCase(),
        start: i,
        end: i + raw.length,
        kind: 'word',
        quote,
        unit: unitAt(units, i),
        capitalised: /^\p{Lu}/u.test(base),
        sentenceInitial: false,
        possessive,
        tags: tags.get(i) ?? NO_TAGS,
      });
      i += raw.length;
    } else {
      tokens.push({
        text: ch,
        lower: ch,
        start: i,
        end: i + 1,
        kind: 'punct',
        quote,
        unit: unitAt(units, i),
        capitalised: false,
        sentenceInitial: false,
        possessive: false,
        tags: NO_TAGS,
      });
      i += 1;
    }
  }
  return tokens;
}

function markSentenceInitial(tokens: Token[]): void {
  let expectStart = true;
  let unit = -1;
  for (const token of tokens) {
    if (token.unit !== unit) {
      unit = token.unit;
      expectStart = true;
    }
    if (token.kind === 'word') {
      token.sentenceInitial = expectStart;
      expectStart = false;
    } else if (token.text === ':' || token.kind === 'quote') {
      expectStart = token.text === ':';
    }
  }
}

const ABBREVIATION = /^(mr|mrs|ms|dr|st|prof|gen|sen|rep|gov|col|capt|lt|sgt|jr|sr|no|vs)$/u;

function markQuotedSentenceStarts(words: Token[]): void {
  let expectStart = true;
  let previous: Token | undefined;
  for (const token of words) {
    if (token.kind === 'word') {
      token.sentenceInitial = expectStart;
      expectStart = false;
    } else if (/[.?!]/u.test(token.text) && !(previous && ABBREVIATION.test(previous.lower))) {
      expectStart = true;
    }
    previous = token;
  }
}

/** Dashes that set off an aside: the em and en dash, and a hyphen standing alone ("-", "--"). */
const DASHES = new Set(['—', '–', '-']);
/** Tokens an aside between dashes may hold: enough for a role and where the person works. */
const DASH_ASIDE_REACH = 24;

/**
 * "A former mayor — Jane Roe — said", "Jane Roe -- a former mayor -- said": a pair of dashes in one
 * sentence sets off an aside as a pair of commas does, and is read as commas, so the readings of
 * appositions (roles, names, who is the subject) hold for both. Not a dash next to a quote, which credits
 * it ("“…” — Jane Roe").
 */
function dashAsidesAsCommas(tokens: Token[]): Token[] {
  // Each dash as [first token, last token] ("--" is two tokens).
  const dashes: [number, number][] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]!.kind !== 'punct' || !DASHES.has(tokens[i]!.text)) continue;
    const last = tokens[i + 1]?.text === '-' && tokens[i]!.text === '-' ? i + 1 : i;
    dashes.push([i, last]);
    i = last;
  }
  const replaced = new Map<number, number>();
  for (let d = 0; d + 1 < dashes.length; d++) {
    const [open, openLast] = dashes[d]!;
    const [close, closeLast] = dashes[d + 1]!;
    const inside = tokens.slice(openLast + 1, close);
    const nextToQuote = [tokens[open - 1], tokens[closeLast + 1]].some((t) => !t || t.kind === 'quote');
    if (
      nextToQuote ||
      tokens[open]!.unit !== tokens[close]!.unit ||
      inside.length > DASH_ASIDE_REACH ||
      !inside.some((t) => t.kind === 'word') ||
      inside.some((t) => t.kind === 'quote')
    )
      continue;
    replaced.set(open, openLast);
    replaced.set(close, closeLast);
    d++;
  }
  if (replaced.size === 0) return tokens;
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const last = replaced.get(i);
    if (last === undefined) {
      out.push(tokens[i]!);
      continue;
    }
    out.push({ ...tokens[i]!, text: ',', lower: ',', end: tokens[last]!.end });
    i = last;
  }
  return out;
}

/** Words that may open the object of a verb in the present tense ("describes the plan", "calls it"). */
const OBJECT_OPENERS = new Set(
  'the a an this that these those his her their its our it them him as'.split(' '),
);

/**
 * "Jane Roe describes the plan as …", "The mayor terms it …": right after a name or a singular noun (or the
 * comma closing its apposition), the tagger reads some verbs in the present tense as plural nouns
 * ("describes", "terms", "touts"). A word so read is a verb when WordNet has it as one and what follows
 * opens its object: a determiner, a pronoun, "as", a name or a quote (a plural noun is not followed so).
 */
function presentTenseAfterNames(tokens: Token[]): void {
  for (let i = 1; i < tokens.length - 1; i++) {
    const [previous, token, next] = [tokens[i - 1], tokens[i]!, tokens[i + 1]!];
    if (token.kind !== 'word' || !token.tags.has('Plural') || token.tags.has('Verb')) continue;
    // "Jane Roe, a columnist, calls the plan …": the subject may end in an apposition's comma.
    const subject = previous?.kind === 'punct' && previous.text === ',' ? tokens[i - 2] : previous;
    if (token.capitalised || subject?.kind !== 'word' || subject.possessive) continue;
    if (!subject.tags.has('Singular') && !subject.tags.has('Person') && !subject.capitalised) continue;
    const object = next.kind === 'word' && (OBJECT_OPENERS.has(next.lower) || next.capitalised);
    if (next.kind !== 'quote' && !object) continue;
    if (!knowsVerb(token.lower)) continue;
    token.tags = new Set([...token.tags].filter((t) => t !== 'Noun' && t !== 'Plural'))
      .add('Verb')
      .add('PresentTense');
  }
}

/**
 * Tokenises a paragraph once for both the registry and attribution. Quotes are masked to single tokens in
 * `outer`, so no rule reads a quote's words as attribution; `inner[q]` holds quote q's own words, where
 * people can still be mentioned ("He [Mr X] would …"). Needs `loadTagger()` first.
 */
export function tokenizeParagraph(
  text: string,
  spans: readonly QuoteSpan[],
  units: readonly ReadingUnit[],
): ParagraphTokens {
  const tags = tagsByOffset(text);
  const outer: Token[] = [];
  const inner: Token[][] = [];
  let cursor = 0;
  spans.forEach((span, q) => {
    outer.push(...tokenizeRange(text, cursor, span.start, -1, units, tags));
    outer.push({
      text: span.text,
      lower: span.text.toLowerCase(),
      start: span.start,
      end: span.end,
      kind: 'quote',
      quote: q,
      unit: unitAt(units, span.start),
      capitalised: false,
      sentenceInitial: false,
      possessive: false,
      tags: NO_TAGS,
    });
    const words = tokenizeRange(
      text,
      span.start + 1,
      span.openEnded ? span.end : span.end - 1,
      q,
      units,
      tags,
    );
    markQuotedSentenceStarts(words);
    inner.push(words);
    cursor = span.end;
  });
  outer.push(...tokenizeRange(text, cursor, text.length, -1, units, tags));
  const read = dashAsidesAsCommas(outer);
  markSentenceInitial(read);
  presentTenseAfterNames(read);
  return { outer: read, inner };
}
