import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Article } from '../knowledge/types.js';
import type { ArticleQuotes } from './article-quotes.js';
import type { AnalysisReply, AnalysisRequest } from './analysis-worker.js';

/**
 * Below this many articles to read, they are read on the calling thread: a worker takes about a second to
 * start (the module graph and the tagger's dictionary), while an article takes 20–50 ms to read, so a
 * pool pays for itself only past about a hundred articles on two cores.
 */
export const MIN_ARTICLES_FOR_WORKERS = 100;

/**
 * A worker's young generation. Tagging makes garbage fast and nearly all of it dies young, so a small one
 * collects it as well; V8's default let each worker's grow to tens of megabytes, which a first start at
 * 1,000 articles paid for in peak memory (two workers: ~45 MB) and not in time.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 8 };

/**
 * A worker's first script. Compiled (`npm start` runs dist/), it imports the worker module's .js file.
 * Run as TypeScript through tsx, it first registers tsx's hooks itself: in Node 20 a worker does not
 * inherit the loader hooks of `--import tsx` (nor take them from its own execArgv). Both are absolute
 * URLs: the worker may start in any folder.
 */
function workerScript(): string {
  const compiled = import.meta.url.endsWith('.js');
  const worker = JSON.stringify(new URL(`./analysis-worker.${compiled ? 'js' : 'ts'}`, import.meta.url).href);
  if (compiled) return `import(${worker});`;
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  return `import(${tsx}).then(({ register }) => { register(); return import(${worker}); });`;
}

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
      new Worker(workerScript(), {
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
