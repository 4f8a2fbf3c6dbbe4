import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { ArticleIndex } from '../../src/engine/build-index.js';
import { indexVersion } from '../../src/engine/index-version.js';
import { Library } from '../../src/engine/library.js';
import { openEmbedder } from '../../src/engine/open-library.js';
import type { Embedder } from '../../src/embedding/embedder.js';
import { VectorCache } from '../../src/embedding/vector-cache.js';
import { loadKnowledge } from '../../src/knowledge/load-knowledge.js';
import { createLogger } from '../../src/logger.js';
import { loadQuoteAnalyses, saveQuoteAnalyses } from '../../src/quotes/quote-analysis-store.js';

// Two libraries over one knowledge folder and one cache folder, as two shards (or two machines) are: the
// one where a moderator reloads computes and saves; the other, told to reload, reads what was saved.

let embedder: Embedder;
let dir: string;
const logger = createLogger('silent');
const knowledgeDir = () => path.join(dir, 'knowledge');
const analysesDir = () => path.join(dir, 'analyses');

beforeAll(async () => {
  embedder = await openEmbedder(loadConfig({}));
});
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'shared-caches-'));
  await cp('test/fixtures/two-articles', knowledgeDir(), { recursive: true });
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

async function openShard(): Promise<Library> {
  const cache = await VectorCache.open(path.join(dir, 'vectors'), embedder.modelId);
  return Library.open({
    knowledgeDir: knowledgeDir(),
    embedder,
    logger,
    cache,
    quoteAnalysesDir: analysesDir(),
  });
}

describe('a reload following another process that shares the caches', () => {
  it('embeds nothing and analyses nothing: it reads the vectors and quote analyses the other saved', async () => {
    const leader = await openShard();
    const follower = await openShard();
    const before = follower.version;
    expect(leader.version).toBe(before);

    const file = path.join(knowledgeDir(), 'library-budget.md');
    const edited = (await readFile(file, 'utf8')).replace(
      'in a year.',
      'in a year. “We will keep listening,” said Martin Shaw.',
    );
    await writeFile(file, edited);
    const leaderReport = await leader.reload();
    expect(leaderReport.embeddedTexts).toBeGreaterThan(0);

    // Mark the quote the leader found in the edited article, in the saved file: a follower that read the
    // file answers with the mark, one that analysed the article itself does not.
    const articles = await loadKnowledge(knowledgeDir());
    const saved = await loadQuoteAnalyses(analysesDir(), { articles, logger });
    const marked = new Map(
      [...saved].map(([key, analysis]) => [
        key,
        {
          ...analysis,
          quotes: analysis.quotes.map((q) =>
            q.text.includes('keep listening') ? { ...q, text: `${q.text} [saved]` } : q,
          ),
        },
      ]),
    );
    await saveQuoteAnalyses(analysesDir(), marked);

    const followerReport = await follower.reload();
    expect(followerReport.changed).toEqual(['library-budget']);
    expect(followerReport.embeddedTexts).toBe(0);
    const quotes = (follower.current as ArticleIndex).quoteIndex.quotes.map((q) => q.text);
    expect(quotes.some((text) => text.includes('keep listening') && text.endsWith('[saved]'))).toBe(true);
    // It did not write the file back either: the mark is still there.
    const after = await loadQuoteAnalyses(analysesDir(), { articles, logger });
    expect([...after.values()].flatMap((a) => a.quotes).some((q) => q.text.endsWith('[saved]'))).toBe(true);

    // Both answer from the same knowledge, and say so.
    expect(follower.version).toBe(leader.version);
    expect(follower.version).not.toBe(before);
    expect(await follower.current.ask('How much will the council save?')).toEqual(
      await leader.current.ask('How much will the council save?'),
    );
  });
});

describe('indexVersion', () => {
  it('names the articles by slug and content, whatever order they were read in', () => {
    const a = { slug: 'a', contentHash: '1' };
    const b = { slug: 'b', contentHash: '2' };
    expect(indexVersion([a, b])).toBe(indexVersion([b, a]));
    expect(indexVersion([a, b])).toMatch(/^[0-9a-f]{12}$/);
    expect(indexVersion([a, { ...b, contentHash: '3' }])).not.toBe(indexVersion([a, b]));
    expect(indexVersion([a])).not.toBe(indexVersion([a, b]));
  });
});
