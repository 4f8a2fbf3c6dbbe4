import { createHash } from 'node:crypto';
import { articleVersion } from '../knowledge/parse-article.js';
import type { Article } from '../knowledge/types.js';

/**
 * A short name for one set of articles: a hash of every article's slug and content hash, in slug order.
 * Processes that loaded the same files report the same version, whatever order they read them in, so
 * shards and machines can show they answer from the same knowledge (logs, `/healthz`, the change stamp).
 */
export function indexVersion(articles: readonly Pick<Article, 'slug' | 'contentHash'>[]): string {
  const lines = articles.map(articleVersion).sort();
  return createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 12);
}
