import { knowsWord } from '../language/wordnet.js';
import type { Paragraph } from '../knowledge/types.js';
import { normaliseName } from '../quotes/quote-index.js';

/** Paragraphs cited at most, as for a known speaker's mentions. */
const MAX_MENTIONS = 10;
/** A word as names are written: letters and marks, with inner apostrophes and hyphens ("O’Neill", "Smith-Jones"). */
const WORD = /\p{L}[\p{L}\p{M}]*(?:['’-]\p{L}[\p{L}\p{M}]*)*/gu;

/** What `namedInText` reads from the index (see HybridRetriever). */
export interface NameIndex {
  isName(word: string): boolean;
  paragraphsHolding(word: string): readonly Paragraph[];
}

/**
 * Where the articles name `name` as written: its words in a row, each capitalised in the text (so "Rose"
 * and "Hope" are found as names, not as flowers and wishes), as citation ids in article order, with the
 * name spelt as the text first spells it. For a name the speaker registry does not know (a person named
 * only in passing, in a phrase its tagger misread), so that `/quote` says the articles mention them rather
 * than that they name no one of that name. A single word the dictionary has ("Monday", "Labour") is not
 * taken for a person: undefined, as when the articles never name it.
 *
 * Only the paragraphs the index holds for the name's rarest word that the articles write only as a name
 * are read, so an unknown name costs what its postings do: a name none of whose words is one ("Nobody
 * Known") is settled at once.
 */
export function namedInText(
  index: NameIndex,
  name: string,
): { name: string; paragraphs: string[] } | undefined {
  const wanted = normaliseName(name).split(' ').filter(Boolean);
  if (wanted.length === 0 || (wanted.length === 1 && knowsWord(wanted[0]!))) return undefined;
  // The index reads a hyphenated name as its parts ("Hye-jin" as "hye" and "jin").
  const parts = wanted.flatMap((word) => word.split('-')).filter(Boolean);
  if (!parts.some((word) => index.isName(word))) return undefined;
  // A paragraph must hold every word; a word the index reads otherwise (a stop word, an apostrophe)
  // holds none, and the others narrow it down.
  const held = parts
    .map((word) => ({ name: index.isName(word), paragraphs: index.paragraphsHolding(word) }))
    .filter(({ paragraphs }) => paragraphs.length > 0);
  const named = held.filter(({ name }) => name).map(({ paragraphs }) => paragraphs);
  if (named.length === 0) return undefined;
  const fewest = named.reduce((a, b) => (b.length < a.length ? b : a));
  const others = held
    .filter(({ paragraphs }) => paragraphs !== fewest)
    .map(({ paragraphs }) => new Set(paragraphs));
  const candidates = fewest.filter((paragraph) => others.every((set) => set.has(paragraph)));
  let written: string | undefined;
  const paragraphs: string[] = [];
  for (const paragraph of candidates) {
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
  return written === undefined ? undefined : { name: written, paragraphs };
}
