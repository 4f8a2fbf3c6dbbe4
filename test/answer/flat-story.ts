import { articleEvidence, articleWords } from '../../src/answer/article-evidence.js';
import { HybridRetriever, RANKING_WEIGHTS, type RankingWeights } from '../../src/answer/retrieve.js';
import { TermVectors } from '../../src/answer/term-vectors.js';
import { parseArticle } from '../../src/knowledge/parse-article.js';

/**
 * The paragraph number a question ranks first in a made-up story whose paragraphs are given one per
 * string, every sentence and paragraph with the same vector, so that only words and the signal a test
 * looks at decide. `weights` override the fitted ones; vectors of related words are off unless given.
 */
export function topParagraph(
  paragraphs: readonly string[],
  question: string,
  weights: Partial<RankingWeights> = {},
): number {
  const text = `---\ntitle: Ferry news\nsource: Test\ndate: 2024-01-01\n---\n\n${paragraphs.join('\n\n')}\n`;
  const article = parseArticle('ferry.md', new TextEncoder().encode(text));
  const flat = () => Float32Array.from([1, 0]);
  const sentences = article.paragraphs.flatMap((p) => p.sentences.map(flat));
  const retriever = new HybridRetriever(
    [articleEvidence(article, articleWords(article), article.paragraphs.map(flat), sentences)],
    [],
    TermVectors.fromVectors(new Map()),
    { weights: { ...RANKING_WEIGHTS, related: 0, denseContent: 0, ...weights } },
  );
  return retriever.rank(question, { question: flat(), words: new Map() }).paragraphs[0]!.paragraph.number;
}
