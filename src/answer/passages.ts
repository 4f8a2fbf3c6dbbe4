import type { Paragraph } from '../knowledge/types.js';

/** Sentences `from`..`to` (0-based, inclusive) of one paragraph, quoted together as one passage. */
export interface Passage {
  paragraph: Paragraph;
  from: number;
  to: number;
}

/**
 * Whether a quotation is open at each sentence boundary of a paragraph: entry k is true when sentence k
 * starts inside one (the last entry: the paragraph ends inside one). Curly quotes are counted as they
 * open and close; straight double quotes alternate. Single quotes are left alone: they double as
 * apostrophes.
 */
export function openQuoteAt(paragraph: Paragraph): boolean[] {
  const open: boolean[] = [false];
  let depth = 0;
  let straight = false;
  for (const { text } of paragraph.sentences) {
    for (const ch of text) {
      if (ch === '“' || ch === '«') depth++;
      else if (ch === '”' || ch === '»') depth = Math.max(0, depth - 1);
      else if (ch === '"') straight = !straight;
    }
    open.push(depth > 0 || straight);
  }
  return open;
}

/**
 * The smallest passage around sentence `index` that reads on its own: it neither starts nor ends inside
 * a quotation (the splitter cuts multi-sentence quotes into pieces, and a piece alone would begin with a
 * stray closing mark or lose its speaker).
 */
export function wholePassage(paragraph: Paragraph, index: number): Passage {
  const open = openQuoteAt(paragraph);
  let from = index;
  let to = index;
  while (from > 0 && open[from]) from--;
  while (to < paragraph.sentences.length - 1 && open[to + 1]) to++;
  return { paragraph, from, to };
}

/** The passage's text, its sentences joined as in the paragraph. */
export function passageText({ paragraph, from, to }: Passage): string {
  return paragraph.sentences
    .slice(from, to + 1)
    .map((s) => s.text)
    .join(' ');
}

/** Sentence ids a passage covers. */
export function passageSentenceIds({ paragraph, from, to }: Passage): string[] {
  return paragraph.sentences.slice(from, to + 1).map((s) => s.id);
}
