import { parentPort } from 'node:worker_threads';
import type { Article } from '../knowledge/types.js';
import { analyseArticleQuotes, type ArticleQuotes } from './article-quotes.js';
import { loadTagger } from './tagger.js';

/** What the pool sends a worker: one article to read. */
export interface AnalysisRequest {
  id: number;
  article: Article;
}

/** What a worker answers: the article's analysis, or why it failed. */
export type AnalysisReply = { id: number; analysis: ArticleQuotes } | { id: number; error: string };

// A worker thread of `analyseOnWorkers`: it loads the tagger once, then reads the articles it is sent, one
// message each. Messages sent while the tagger loads wait in the port's queue.
const port = parentPort;
if (port) {
  await loadTagger();
  port.on('message', ({ id, article }: AnalysisRequest) => {
    analyseArticleQuotes(article).then(
      (analysis) => port.postMessage({ id, analysis } satisfies AnalysisReply),
      (err: unknown) =>
        port.postMessage({
          id,
          error: err instanceof Error ? (err.stack ?? err.message) : String(err),
        } satisfies AnalysisReply),
    );
  });
}
