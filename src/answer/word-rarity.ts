import { readEmbeddingWords } from '../embedding/glove-words.js';

// Words ranked by their frequency in English (GloVe's corpus: Wikipedia and newswire), the most frequent
// first. Beyond the first 50,000 every word counts as rare as can be, as do words the list lacks (most
// names): past that rank the scale below has little room left, and reading more costs more. Read on the
// first question that needs it (~0.4 MB, under 0.1 s) and kept (a few MB).
const RANKED = 50_000;
let ranks: Map<string, number> | undefined;

/**
 * How rare `word` (lower case) is in English, 0–1: the log of its frequency rank over the log of the
 * last rank kept. "said" is near 0.3, "levee" near 0.75, a surname no list has is 1. The information a
 * word carries grows with the log of its rank (Zipf's law), which is why it is the log that is scaled.
 */
export function wordRarity(word: string): number {
  const rank = frequencyRank(word);
  return rank === undefined ? 1 : Math.log10(rank + 10) / Math.log10(RANKED + 10);
}

/** `word`'s rank among the 50,000 most frequent English words (0: the most frequent), if it is one. */
export function frequencyRank(word: string): number | undefined {
  ranks ??= new Map(readEmbeddingWords({ limit: RANKED }).map((w, i) => [w, i]));
  return ranks.get(word);
}
