// Each paragraph of an article read once, before names or speakers are looked for: its quotes, its
// sentence-like reading units and its tokens. Everything later (name spans, roles, attribution) works on
// these, so the tagger runs once per paragraph.
import type { Article, Paragraph } from '../knowledge/types.js';
import { extractQuotes, readingUnits, type ExtractedQuote, type ReadingUnit } from './extract-quotes.js';
import { tokenizeParagraph, type Token } from './paragraph-tokens.js';

/** A paragraph read once: its quotes, sentence-like units and tokens. */
export interface AnalysedParagraph {
  paragraph: Paragraph;
  quotes: ExtractedQuote[];
  units: ReadingUnit[];
  outer: Token[];
  inner: Token[][];
}

/** The id of the loader's sentence that holds a character offset of the paragraph. */
export function sentenceIdAt(analysed: AnalysedParagraph, offset: number): string {
  const unit =
    analysed.units.find((u) => u.start <= offset && offset < u.end) ??
    analysed.units[analysed.units.length - 1];
  const ids = unit?.sentenceIds ?? [];
  if (ids.length <= 1) return ids[0] ?? analysed.paragraph.id;
  // Within a merged unit, find the loader's sentence by its text position.
  let cursor = 0;
  let found = ids[0] ?? analysed.paragraph.id;
  for (const sentence of analysed.paragraph.sentences) {
    const at = analysed.paragraph.text.indexOf(sentence.text, cursor);
    if (at < 0) continue;
    if (at <= offset && ids.includes(sentence.id)) found = sentence.id;
    cursor = at + sentence.text.length;
  }
  return found;
}

/** Reads one paragraph: its quotes, units and tokens. Needs `loadTagger()` first. */
export function analyseParagraph(paragraph: Paragraph): AnalysedParagraph {
  const quotes = extractQuotes(paragraph);
  const units = readingUnits(paragraph, quotes);
  const { outer, inner } = tokenizeParagraph(paragraph.text, quotes, units);
  return { paragraph, quotes, units, outer, inner };
}

/** Reads every paragraph of an article once: quotes, units and tokens. Needs `loadTagger()` first. */
export function analyseArticle(article: Article): AnalysedParagraph[] {
  return article.paragraphs.map(analyseParagraph);
}
