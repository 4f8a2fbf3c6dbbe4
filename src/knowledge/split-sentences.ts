import { createRequire } from 'node:module';
import type sbdModule from 'sbd';

// Loaded on the first split, not at start-up: sbd brings sanitize-html (~0.15 s to import), and a start-up
// that reads its articles from the saved evidence splits nothing.
const require = createRequire(import.meta.url);
let sbd: typeof sbdModule | undefined;

// A dotted initialism at the end of a piece ("U.S.", "U.K.", "D.C."): sbd ends a sentence there whenever
// a capitalised word follows, which cuts "the U.S. Army Corps of Engineers" in two.
const INITIALISM_END = /(?:^|[\s(])(?:\p{Lu}\.){2,}$/u;
// Words that open a sentence far more often than they continue a name after an initialism.
const SENTENCE_OPENER =
  /^(?:The|A|An|He|She|It|They|We|I|You|This|That|These|Those|There|Here|His|Her|Its|Their|Our|My|But|And|Or|So|Yet|Then|Now|Still|However|Meanwhile|In|On|At|For|By|With|As|If|When|While|After|Before|Since|Although|Though|Some|Many|Most|All|No|None|One|Two|Three)\b/u;

/** sbd, loaded on first use (or earlier, by `loadArticleParsers`). */
export function sentenceSplitter(): typeof sbdModule {
  return (sbd ??= require('sbd') as typeof sbdModule);
}

/**
 * A paragraph's sentences, as sbd splits them, except that a split right after a dotted initialism is
 * undone when the next piece does not open like a sentence: joining two sentences costs a longer
 * citation, cutting one leaves an answer that starts in the middle of a name.
 */
export function splitSentences(text: string): string[] {
  const pieces = sentenceSplitter()
    .sentences(text, { newline_boundaries: false, preserve_whitespace: false })
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  const sentences: string[] = [];
  for (const piece of pieces) {
    const previous = sentences[sentences.length - 1];
    if (previous !== undefined && INITIALISM_END.test(previous) && !SENTENCE_OPENER.test(piece)) {
      sentences[sentences.length - 1] = `${previous} ${piece}`;
    } else {
      sentences.push(piece);
    }
  }
  return sentences;
}
