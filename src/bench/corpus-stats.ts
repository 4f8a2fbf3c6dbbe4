/** What a corpus holds, to show beside its timings that it is not one article's words over and over. */
export interface CorpusStats {
  articles: number;
  paragraphs: number;
  /** Paragraphs whose text no earlier paragraph has (exact match). */
  distinctParagraphs: number;
  /** Word tokens: runs of letters, case folded ("Harbour's" is "harbour" and "s"). */
  totalWords: number;
  distinctWords: number;
  meanParagraphWords: number;
  meanArticleWords: number;
  /**
   * Heaps' law, distinct = k · total^beta, fitted by least squares on log–log over prefixes of the corpus
   * (in article order); null when the corpus is too small to give two prefixes.
   */
  heaps: { k: number; beta: number; prefixes: number } | null;
}

const WORD = /\p{L}+/gu;
// Prefixes are measured from this many words on: the first sentences of any text are nearly all new
// words, a start that says nothing of how the vocabulary grows.
const FIRST_PREFIX_WORDS = 500;
// Prefixes grow by this factor, so each order of magnitude of the corpus weighs the same in the fit.
const PREFIX_STEP = 1.25;

/** Counts and Heaps' law fit of `articles`, each given as its paragraphs' texts. */
export function corpusStats(articles: readonly (readonly string[])[]): CorpusStats {
  const seenParagraphs = new Set<string>();
  const seenWords = new Set<string>();
  const points: [number, number][] = [];
  let paragraphs = 0;
  let totalWords = 0;
  let nextPrefix = FIRST_PREFIX_WORDS;
  for (const article of articles) {
    for (const text of article) {
      paragraphs++;
      seenParagraphs.add(text);
      for (const [word] of text.matchAll(WORD)) {
        totalWords++;
        seenWords.add(word.toLowerCase());
        if (totalWords >= nextPrefix) {
          points.push([totalWords, seenWords.size]);
          nextPrefix = Math.ceil(nextPrefix * PREFIX_STEP);
        }
      }
    }
  }
  if (points.at(-1)?.[0] !== totalWords && totalWords > FIRST_PREFIX_WORDS)
    points.push([totalWords, seenWords.size]);
  return {
    articles: articles.length,
    paragraphs,
    distinctParagraphs: seenParagraphs.size,
    totalWords,
    distinctWords: seenWords.size,
    meanParagraphWords: paragraphs === 0 ? 0 : totalWords / paragraphs,
    meanArticleWords: articles.length === 0 ? 0 : totalWords / articles.length,
    heaps: fitHeaps(points),
  };
}

/** Least-squares fit of log distinct = log k + beta · log total; null under two points. */
export function fitHeaps(points: readonly (readonly [number, number])[]): CorpusStats['heaps'] {
  if (points.length < 2) return null;
  const xs = points.map(([n]) => Math.log(n));
  const ys = points.map(([, v]) => Math.log(v));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  xs.forEach((x, i) => {
    sxy += (x - mx) * (ys[i]! - my);
    sxx += (x - mx) ** 2;
  });
  if (sxx === 0) return null;
  const beta = sxy / sxx;
  return { k: Math.exp(my - beta * mx), beta, prefixes: points.length };
}
