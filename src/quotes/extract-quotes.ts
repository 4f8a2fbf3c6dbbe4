import type { Paragraph } from '../knowledge/types.js';

/** One direct quotation found in a paragraph's text, with character offsets into that text. */
export interface QuoteSpan {
  /** Offset of the opening mark. */
  start: number;
  /** Offset just past the closing mark (the paragraph's end when the quote is left open). */
  end: number;
  /** The words quoted, verbatim, without the outer marks or a trailing comma. */
  text: string;
  /** True when no closing mark was found: news style for a quote that runs on into the next paragraph. */
  openEnded: boolean;
}

/** A stretch of a paragraph that reads as one sentence: sbd sentences joined wherever a split fell inside a quote. */
export interface ReadingUnit {
  start: number;
  end: number;
  sentenceIds: string[];
}

/** A quote located in its paragraph: where it is, which sentences it spans, and the text around it. */
export interface ExtractedQuote extends QuoteSpan {
  paragraphId: string;
  sentenceIds: string[];
  /** The sentence(s) the quote stands in, as the loader split them. */
  context: string;
}

const PAIRS: Readonly<Record<string, string>> = { '“': '”', '«': '»', '„': '“' };
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const OPENS_AFTER = /[\s([{—–\-/:]/u;

function cleanQuoteText(inner: string): string {
  // A comma before the closing mark belongs to the sentence around the quote, not to the words quoted.
  return inner.trim().replace(/[\s,;:]+$/u, '');
}

function isStraightOpener(text: string, i: number): boolean {
  const before = text[i - 1];
  const after = text[i + 1];
  return (before === undefined || OPENS_AFTER.test(before)) && after !== undefined && !/\s/u.test(after);
}

/** The mark closing the quote opened at `open`, skipping any quote nested in it with the same marks. */
function findPairedCloser(text: string, open: number, closer: string): number {
  const opener = text[open] ?? '';
  let depth = 1;
  for (let j = open + 1; j < text.length; j++) {
    const ch = text[j];
    if (ch === closer && opener !== closer) depth -= 1;
    else if (ch === opener && openerAsCloser(text, j)) return j;
    else if (ch === opener) depth += 1;
    if (depth === 0) return j;
  }
  // Unbalanced: fall back to the first closing mark, as most quotes are not nested.
  return text.indexOf(closer, open + 1);
}

/** “…,“ said X: an opening mark after a sentence's punctuation and before a space is a typed closing one. */
function openerAsCloser(text: string, j: number): boolean {
  return /[,.?!]/u.test(text[j - 1] ?? '') && /\s/u.test(text[j + 1] ?? '');
}

/** Finds a closing ’ for a top-level ‘: one not followed by a letter, so the apostrophe in “it’s” does not end it. */
function findSingleCloser(text: string, from: number, limit: number): number {
  for (let j = from; j < limit; j++) {
    if (text[j] === '’' && !LETTER_OR_DIGIT.test(text[j + 1] ?? '') && !/\s/u.test(text[j - 1] ?? ' '))
      return j;
    if (text[j] === '‘') return -1;
  }
  return -1;
}

/** A straight " at `j` that can only close a quote: a word or a mark before it, no word after it. */
function isStraightCloser(text: string, j: number): boolean {
  return text[j] === '"' && !/\s/u.test(text[j - 1] ?? ' ') && !LETTER_OR_DIGIT.test(text[j + 1] ?? '');
}

/**
 * Where a quote that opens with “ really ends when the text mixes its marks (“…," she said): the first
 * straight mark before the curly one when it can only close, or else the first straight closer if the
 * straight marks in between are odd in number. An even number opening with an opener are a quote nested
 * in it ("…"), which the curly mark still closes.
 */
function mixedCloserOfCurly(text: string, open: number, close: number): number {
  const limit = close < 0 ? text.length : close;
  let count = 0;
  let first = -1;
  let firstMark = -1;
  for (let j = open + 1; j < limit; j++) {
    if (text[j] !== '"') continue;
    count += 1;
    if (firstMark < 0) firstMark = j;
    if (first < 0 && isStraightCloser(text, j)) first = j;
  }
  // “…," she said. "…”: a first straight mark that can only close ends the quote, whatever follows.
  if (firstMark > 0 && firstMark === first && !isStraightOpener(text, first)) return first;
  return count % 2 === 1 && first > 0 ? first : close;
}

/**
 * Where a quote that opens with a straight " ends when the text mixes its marks ("…,” she said): at a ”
 * with no “ of its own before it, when the next straight mark is missing or opens another quote.
 */
function mixedCloserOfStraight(text: string, open: number, close: number): number {
  const curly = text.indexOf('”', open + 1);
  if (curly < 0 || (close >= 0 && curly > close)) return close;
  const nestedOpener = text.indexOf('“', open + 1);
  if (nestedOpener >= 0 && nestedOpener < curly) return close;
  return close < 0 || isStraightOpener(text, close) ? curly : close;
}

/**
 * Every direct quotation in a paragraph's text, in order: curly, straight and angle double quotes, with any
 * nested single quotes or editorial brackets kept inside; top-level curly single quotes (British style) too;
 * a quote opened with one kind of double mark and closed with the other (a typing slip common in news).
 * A quote that is never closed runs to the end of the paragraph and is marked `openEnded`.
 */
export function findQuoteSpans(text: string): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] ?? '';
    let close = -1;
    let found = false;
    if (ch in PAIRS) {
      close = findPairedCloser(text, i, PAIRS[ch] ?? '”');
      if (ch === '“') close = mixedCloserOfCurly(text, i, close);
      found = true;
    } else if (ch === '"' && isStraightOpener(text, i)) {
      close = mixedCloserOfStraight(text, i, text.indexOf('"', i + 1));
      found = true;
    } else if (
      ch === '‘' &&
      LETTER_OR_DIGIT.test(text[i + 1] ?? '') &&
      OPENS_AFTER.test(text[i - 1] ?? ' ')
    ) {
      const j = findSingleCloser(text, i + 1, text.length);
      if (j > 0) {
        close = j;
        found = true;
      }
    }
    if (!found) {
      i += 1;
      continue;
    }
    const openEnded = close < 0;
    const end = openEnded ? text.length : close + 1;
    const quoted = cleanQuoteText(text.slice(i + 1, openEnded ? text.length : close));
    if (quoted.length > 0) spans.push({ start: i, end, text: quoted, openEnded });
    i = end;
  }
  return spans;
}

/** Where each of the loader's sentences sits in the paragraph text; sentences it cannot place are skipped. */
function locateSentences(paragraph: Paragraph): { start: number; end: number; id: string; text: string }[] {
  const located: { start: number; end: number; id: string; text: string }[] = [];
  let cursor = 0;
  for (const sentence of paragraph.sentences) {
    const at = paragraph.text.indexOf(sentence.text, cursor);
    if (at < 0) continue;
    located.push({ start: at, end: at + sentence.text.length, id: sentence.id, text: sentence.text });
    cursor = at + sentence.text.length;
  }
  return located;
}

/** Whether `offset` falls inside brackets opened before it and not yet closed. */
function insideBrackets(text: string, offset: number): boolean {
  let depth = 0;
  for (let i = 0; i < offset; i++) {
    if (text[i] === '(') depth += 1;
    else if (text[i] === ')' && depth > 0) depth -= 1;
  }
  return depth > 0;
}

/**
 * The paragraph cut into sentence-like units that never split a quote. The sentence splitter breaks a
 * multi-sentence quote apart; attribution needs the whole quote and its "she said" in one unit. It also
 * breaks after the abbreviations of a bracketed party tag ("Rep. Jane Roe (D-N.Y.) said"), and no sentence
 * starts inside brackets opened before it, so such a break is mended too.
 */
export function readingUnits(paragraph: Paragraph, spans: readonly QuoteSpan[]): ReadingUnit[] {
  const sentences = locateSentences(paragraph);
  if (sentences.length === 0) {
    return [{ start: 0, end: paragraph.text.length, sentenceIds: paragraph.sentences.map((s) => s.id) }];
  }
  const units: ReadingUnit[] = [];
  for (const sentence of sentences) {
    const last = units[units.length - 1];
    const insideQuote = spans.some((span) => span.start < sentence.start && sentence.start < span.end);
    if (last && (insideQuote || insideBrackets(paragraph.text, sentence.start))) {
      last.end = sentence.end;
      last.sentenceIds.push(sentence.id);
    } else {
      units.push({
        start: units.length === 0 ? 0 : sentence.start,
        end: sentence.end,
        sentenceIds: [sentence.id],
      });
    }
  }
  const lastUnit = units[units.length - 1];
  if (lastUnit) lastUnit.end = paragraph.text.length;
  return units;
}

/** Every direct quotation in a paragraph, with the ids and text of the sentences it stands in. */
export function extractQuotes(paragraph: Paragraph): ExtractedQuote[] {
  const located = locateSentences(paragraph);
  return findQuoteSpans(paragraph.text).map((span) => {
    const overlapping = located.filter((s) => s.start < span.end && s.end > span.start);
    const sentences = overlapping.length > 0 ? overlapping : [];
    return {
      ...span,
      paragraphId: paragraph.id,
      sentenceIds: sentences.length > 0 ? sentences.map((s) => s.id) : paragraph.sentences.map((s) => s.id),
      context: sentences.length > 0 ? sentences.map((s) => s.text).join(' ') : paragraph.text,
    };
  });
}
