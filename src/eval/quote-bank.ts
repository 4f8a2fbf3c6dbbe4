// Quote gold by article, for /quote's precision and recall: the question bank's quotes (`questions/<slug>.json`)
// and the quote bank's (`quotes/<slug>.json`), each split by article into a tuning and a held-out part.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { evaluateQuotes, type QuoteEvaluation } from '../quotes/evaluate-quotes.js';
import type { QuoteIndex } from '../quotes/quote-index.js';
import type { QuoteResult } from '../quotes/types.js';

/** The project's quote bank: news articles in many styles with every direct quote's speaker. */
export const QUOTE_BANK = 'test/fixtures/quote-bank';

const goldSchema = z.object({
  quote: z.record(z.string(), z.array(z.string())).optional(),
  mentioned_not_quoted: z.array(z.string()).optional(),
});
const splitSchema = z.object({ tuning: z.array(z.string()), heldout: z.array(z.string()) });

/** One part of a bank: its articles' folder (the whole bank, loaded together) and the part's slugs. */
export interface QuoteGoldPart {
  name: string;
  knowledgeDir: string;
  docs: string[];
  /** The gold file of one article. */
  goldFile: (slug: string) => string;
}

/** The two parts of a bank whose gold files are `<dir>/<goldFolder>/<slug>.json`. */
export async function loadQuoteGold(
  dir: string,
  goldFolder: 'quotes' | 'questions',
  label: string,
): Promise<QuoteGoldPart[]> {
  const split = splitSchema.parse(JSON.parse(await readFile(path.join(dir, 'split.json'), 'utf8')));
  const goldFile = (slug: string) => path.join(dir, goldFolder, `${slug}.json`);
  const knowledgeDir = path.join(dir, 'articles');
  return [
    { name: `${label} tuning`, knowledgeDir, docs: split.tuning, goldFile },
    { name: `${label} held-out`, knowledgeDir, docs: split.heldout, goldFile },
  ];
}

/** Totals over a part, and each article's evaluation (for listing misses). */
export interface QuoteScore {
  correct: number;
  attributed: number;
  gold: number;
  found: number;
  byDoc: { doc: string; evaluation: QuoteEvaluation }[];
}

/** What scoring reads from the engine (an `ArticleIndex`): its quotes, and `/quote`'s answer for a name. */
export interface QuoteScoring {
  quoteIndex: QuoteIndex;
  quote(name: string): QuoteResult;
}

/**
 * Scores a part article by article: articles written apart sometimes give two people one name, and each
 * article's gold names are looked for among that article's people first.
 */
export async function scoreQuoteGold(part: QuoteGoldPart, index: QuoteScoring): Promise<QuoteScore> {
  const score: QuoteScore = { correct: 0, attributed: 0, gold: 0, found: 0, byDoc: [] };
  for (const doc of part.docs) {
    const file = goldSchema.parse(JSON.parse(await readFile(part.goldFile(doc), 'utf8')));
    const evaluation = evaluateQuotes(
      index.quoteIndex,
      { quote: file.quote ?? {}, mentioned_not_quoted: file.mentioned_not_quoted ?? [] },
      [doc],
      (name) => index.quote(name),
    );
    score.correct += evaluation.correct;
    score.attributed += evaluation.attributed;
    score.gold += evaluation.gold;
    score.found += evaluation.gold - evaluation.misses.length;
    score.byDoc.push({ doc, evaluation });
  }
  return score;
}
