import type { Paragraph, Sentence } from '../knowledge/types.js';
import { findQuoteSpans, readingUnits } from './extract-quotes.js';

/**
 * Longest stretch of a paragraph read for quotes in one go (a few sentences). Tagging costs ~35 ms per
 * 1,000 characters and attribution grows faster than the paragraph, so a 100,000-character paragraph read
 * whole blocked the bot for over 10 s; read in pieces it costs the sum of small steps, with a pause between.
 * News paragraphs are far shorter and are read whole, as before.
 */
export const MAX_PIECE_CHARS = 2_000;

/** The farthest of the sorted `offsets` in (from, limit], or -1. */
function farthest(offsets: readonly number[], from: number, limit: number): number {
  let found = -1;
  for (const offset of offsets) {
    if (offset > limit) break;
    if (offset > from) found = offset;
  }
  return found;
}

/**
 * A paragraph cut into consecutive pieces of at most `maxChars` characters, each a Paragraph with the
 * same id and number holding the sentences (or the part of a sentence) it covers. Cuts fall between
 * reading units where they can, so a quote stays with its "she said"; else between sentences; else at a
 * space. A paragraph within the limit comes back whole, as the same object.
 */
export function paragraphPieces(paragraph: Paragraph, maxChars = MAX_PIECE_CHARS): Paragraph[] {
  const { text } = paragraph;
  if (text.length <= maxChars) return [paragraph];
  const located: (Sentence & { start: number; end: number })[] = [];
  let cursor = 0;
  for (const sentence of paragraph.sentences) {
    const at = text.indexOf(sentence.text, cursor);
    if (at < 0) continue;
    located.push({ ...sentence, start: at, end: at + sentence.text.length });
    cursor = at + sentence.text.length;
  }
  const unitStarts = readingUnits(paragraph, findQuoteSpans(text)).map((u) => u.start);
  const sentenceStarts = located.map((s) => s.start);

  const pieces: Paragraph[] = [];
  let start = 0;
  while (start < text.length) {
    const limit = start + maxChars;
    let end = text.length;
    if (end > limit) {
      end = farthest(unitStarts, start, limit);
      if (end < 0) end = farthest(sentenceStarts, start, limit);
      if (end < 0) end = text.lastIndexOf(' ', limit) > start ? text.lastIndexOf(' ', limit) : limit;
    }
    const piece = text.slice(start, end).trim();
    if (piece.length > 0) {
      const sentences = located
        .filter((s) => s.start < end && s.end > start)
        .map((s) =>
          s.start >= start && s.end <= end
            ? { id: s.id, index: s.index, text: s.text }
            : {
                id: s.id,
                index: s.index,
                text: text.slice(Math.max(s.start, start), Math.min(s.end, end)).trim(),
              },
        )
        .filter((s) => s.text.length > 0);
      pieces.push({ ...paragraph, text: piece, sentences });
    }
    start = end;
  }
  return pieces;
}
