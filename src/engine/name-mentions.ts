import { knowsWord } from '../language/wordnet.js';
import type { Article } from '../knowledge/types.js';
import { normaliseName } from '../quotes/quote-index.js';

/** Paragraphs cited at most, as for a known speaker's mentions. */
const MAX_MENTIONS = 10;
/** A word as names are written: letters and marks, with inner apostrophes and hyphens ("O’Neill", "Asante-Boateng"). */
const WORD = /\p{L}[\p{L}\p{M}]*(?:['’-]\p{L}[\p{L}\p{M}]*)*/gu;

/**
 * Where the articles name `name` as written: its words in a row, each capitalised in the text (so "Rose"
 * and "Hope" are found as names, not as flowers and wishes), as citation ids in article order, with the
 * name spelt as the text first spells it. For a name the speaker registry does not know (a person named
 * only in passing, in a phrase its tagger misread), so that `/quote` says the articles mention them rather
 * than that they name no one of that name. A single word the dictionary has ("Monday", "Labour") is not
 * taken for a person: undefined, as when the articles never name it.
 */
export function namedInText(
  articles: readonly Article[],
  name: string,
): { name: string; paragraphs: string[] } | undefined {
  const wanted = normaliseName(name).split(' ').filter(Boolean);
  if (wanted.length === 0 || (wanted.length === 1 && knowsWord(wanted[0]!))) return undefined;
  let written: string | undefined;
  const paragraphs: string[] = [];
  for (const article of articles) {
    for (const paragraph of article.paragraphs) {
      if (paragraphs.length >= MAX_MENTIONS) break;
      const words = paragraph.text.match(WORD) ?? [];
      const at = words.findIndex((_, i) =>
        wanted.every((w, k) => {
          const word = words[i + k];
          return word !== undefined && /^\p{Lu}/u.test(word) && normaliseName(word) === w;
        }),
      );
      if (at < 0) continue;
      written ??= words.slice(at, at + wanted.length).join(' ');
      paragraphs.push(paragraph.id);
    }
  }
  return written === undefined ? undefined : { name: written, paragraphs };
}
