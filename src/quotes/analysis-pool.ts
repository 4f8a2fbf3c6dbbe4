import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Article } from '../knowledge/types.js';
import { WORKER_LIMITS, workerScript } from '../worker-script.js';
import type { ArticleQuotes } from './article-quotes.js';
import type { AnalysisReply, AnalysisRequest } from './analysis-worker.js';

/**
 * Below this many articles to read, they are read on the calling thread: a worker takes about a second to
 * start (the module graph and the tagger's dictionary), while an article takes 20–50 ms to read, so a
 * pool pays for itself only past about a hundred articles on two cores.
 */
export const MIN_ARTICLES_FOR_WORKERS = 100;

/**
 * Reads `articles` for quotes on `workers` worker threads (one per core by default), each article sent to
 * whichever worker is free, so a first start or a large reload uses every core while this thread embeds.
 * Resolves to the analyses in the order of `articles`; rejects if an article cannot be read or a worker
 * dies, after stopping them all.
 */
export async function analyseOnWorkers(
  articles: readonly Article[],
  workers = Math.min(availableParallelism(), articles.length),
): Promise<ArticleQuotes[]> {
  const results = new Array<ArticleQuotes>(articles.length);
  let next = 0;
  const pool = Array.from(
    { length: Math.max(1, workers) },
    () =>
      new Worker(workerScript('analysis-worker', import.meta.url), {
        eval: true,
        resourceLimits: WORKER_LIMITS,
      }),
  );
  try {
    await Promise.all(
      pool.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const sendNext = (): void => {
              if (next >= articles.length) return resolve();
              const id = next++;
              worker.postMessage({ id, article: articles[id]! } satisfies AnalysisRequest);
            };
            worker.on('message', (reply: AnalysisReply) => {
              if ('error' in reply)
                return reject(
                  new Error(`reading ${articles[reply.id]!.file} for quotes failed: ${reply.error}`),
                );
              results[reply.id] = reply.analysis;
              sendNext();
            });
            worker.on('error', reject);
            worker.on('exit', (code) =>
              reject(new Error(`a quote-reading worker stopped (exit code ${code})`)),
            );
            sendNext();
          }),
      ),
    );
  } finally {
    await Promise.all(pool.map((worker) => worker.terminate()));
  }
  return results;
}
