import { readFileSync, writeFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { ArticleIndex } from '../../src/engine/build-index.js';
import { Library } from '../../src/engine/library.js';
import { openEmbedder } from '../../src/engine/open-library.js';
import type { Embedder } from '../../src/embedding/embedder.js';
import { VectorCache } from '../../src/embedding/vector-cache.js';
import { KnowledgeError } from '../../src/errors.js';
import { loadKnowledge } from '../../src/knowledge/load-knowledge.js';
import { createLogger } from '../../src/logger.js';
import { loadQuoteAnalyses, saveQuoteAnalyses } from '../../src/quotes/quote-analysis-store.js';

let embedder: Embedder;
let dir: string;
let library: Library;
const logger = createLogger('silent');

beforeAll(async () => {
  embedder = await openEmbedder(loadConfig({}));
});
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'library-'));
  await cp('test/fixtures/two-articles', path.join(dir, 'knowledge'), { recursive: true });
  const cache = await VectorCache.open(path.join(dir, 'vectors'), embedder.modelId);
  library = await Library.open({ knowledgeDir: path.join(dir, 'knowledge'), embedder, logger, cache });
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

async function editArticle(file: string, edit: (text: string) => string): Promise<void> {
  const full = path.join(dir, 'knowledge', file);
  await writeFile(full, edit(await readFile(full, 'utf8')));
}

describe('Library.reload', () => {
  it('embeds nothing and reports nothing changed when no file changed', async () => {
    const report = await library.reload();
    expect(report).toMatchObject({ added: [], removed: [], changed: [], unchanged: 2, embeddedTexts: 0 });
  });

  it('re-embeds only the changed paragraph and reuses the quote analysis of the unchanged article', async () => {
    const before = library.current as ArticleIndex;
    await editArticle('library-budget.md', (t) => t.replace('in a year.', 'in a year, officials said.'));
    const report = await library.reload();
    expect(report.changed).toEqual(['library-budget']);
    expect(report.unchanged).toBe(1);
    // The edited paragraph, its edited sentence and the one word new to the knowledge base ("officials");
    // everything else comes from the vector cache.
    expect(report.embeddedTexts).toBe(3);
    const after = library.current as ArticleIndex;
    const key = (index: ArticleIndex) =>
      [...index.quoteIndex.analyses.entries()].find(([k]) => k.startsWith('harbour-reopens:'))?.[1];
    expect(key(after)).toBe(key(before));
  });

  it('swaps in the new index whole: readers holding the old one keep a consistent view', async () => {
    const old = library.current;
    await editArticle('harbour-reopens.md', (t) => t.replace('about £2 million', 'about £3 million'));
    await library.reload();
    expect((await old.ask('How much did the harbour repairs cost?')).answer).toContain('£2 million');
    expect((await library.current.ask('How much did the harbour repairs cost?')).answer).toContain(
      '£3 million',
    );
  });

  it('rebuilds once more for reloads asked for during a reload, and that one sees the files as edited', async () => {
    const file = path.join(dir, 'knowledge', 'harbour-reopens.md');
    const first = library.reload();
    // The edit lands once the running rebuild has read the folder, as when a moderator saves a file and
    // runs /reload again while a colleague's reload is still running.
    void first.then(() =>
      writeFileSync(file, readFileSync(file, 'utf8').replace('£2 million', '£3 million')),
    );
    const second = library.reload();
    const third = library.reload();
    expect(third).toBe(second);
    const a = await first;
    const b = await second;
    expect(a.changed).toEqual([]);
    expect(b.changed).toEqual(['harbour-reopens']);
    expect((await library.current.ask('How much did the harbour repairs cost?')).answer).toContain(
      '£3 million',
    );
    // Once both are done, a new request starts a new rebuild rather than reusing an old report.
    const fourth = library.reload();
    expect(fourth).not.toBe(second);
    expect((await fourth).changed).toEqual([]);
  });

  it('still runs the reload asked for during one that fails, and reports its own outcome', async () => {
    await writeFile(path.join(dir, 'knowledge', 'broken.md'), 'no front matter here');
    const first = library.reload();
    const second = library.reload();
    const [a, b] = await Promise.allSettled([first, second]);
    expect(a.status === 'rejected' && a.reason).toBeInstanceOf(KnowledgeError);
    expect(b.status === 'rejected' && b.reason).toBeInstanceOf(KnowledgeError);
    expect(b.status === 'rejected' && b.reason).not.toBe(a.status === 'rejected' && a.reason);
    await rm(path.join(dir, 'knowledge', 'broken.md'));
    await expect(library.reload()).resolves.toMatchObject({ unchanged: 2 });
  });

  it('keeps the old index when a file is broken, and names the file', async () => {
    const old = library.current;
    await writeFile(path.join(dir, 'knowledge', 'broken.md'), 'no front matter here');
    const error = await library.reload().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnowledgeError);
    expect((error as KnowledgeError).problems[0]?.file).toBe('broken.md');
    expect(library.current).toBe(old);
  });
});

describe('Library quote analyses on disk', () => {
  const open = (quoteAnalysesDir: string) =>
    Library.open({ knowledgeDir: path.join(dir, 'knowledge'), embedder, logger, quoteAnalysesDir });
  // Read through the store: the file is checksummed, so it is neither parsed nor edited by hand here.
  const saved = async (analysesDir: string) =>
    loadQuoteAnalyses(analysesDir, { articles: await loadKnowledge(path.join(dir, 'knowledge')), logger });
  const savedKeys = async (analysesDir: string) => [...(await saved(analysesDir)).keys()].sort();

  it('saves them on open and reads them back on the next, instead of analysing again', async () => {
    const analysesDir = path.join(dir, 'analyses');
    const first = (await open(analysesDir)).current as ArticleIndex;
    expect(await savedKeys(analysesDir)).toEqual([...first.quoteIndex.analyses.keys()].sort());
    // Marking a saved quote shows where the next start-up took its analyses from.
    const quote = first.quoteIndex.quotes[0]!.text;
    const marked = [...(await saved(analysesDir))].map(([key, analysis]) => {
      const quotes = analysis.quotes.map((q) => (q.text === quote ? { ...q, text: `${quote} [saved]` } : q));
      return [key, { ...analysis, quotes }] as const;
    });
    await saveQuoteAnalyses(analysesDir, new Map(marked));
    const second = (await open(analysesDir)).current as ArticleIndex;
    expect(second.quoteIndex.quotes[0]!.text).toBe(`${quote} [saved]`);
    expect(second.quoteIndex.quotes.slice(1)).toEqual(first.quoteIndex.quotes.slice(1));
  });

  it('rewrites them on a reload that changed an article, dropping the old version', async () => {
    const analysesDir = path.join(dir, 'analyses');
    const opened = await open(analysesDir);
    const before = await savedKeys(analysesDir);
    await editArticle('library-budget.md', (t) => t.replace('in a year.', 'in a year, officials said.'));
    await opened.reload();
    const after = await savedKeys(analysesDir);
    expect(after).toHaveLength(2);
    expect(after).toEqual([...(opened.current as ArticleIndex).quoteIndex.analyses.keys()].sort());
    expect(after.filter((key) => before.includes(key))).toHaveLength(1);
  });

  it('leaves them to the process that saved them when a reload follows its change (saved elsewhere)', async () => {
    const analysesDir = path.join(dir, 'analyses');
    const follower = await open(analysesDir);
    const file = path.join(analysesDir, (await readdir(analysesDir))[0]!);
    const bytes = await readFile(file);
    // An article removed: nothing new to read, but the analyses this process holds changed.
    await rm(path.join(dir, 'knowledge', 'library-budget.md'));
    await follower.reload({ caches: 'saved elsewhere' });
    expect((follower.current as ArticleIndex).quoteIndex.analyses.size).toBe(1);
    expect((await readFile(file)).equals(bytes)).toBe(true);
  });

  it('opens and serves even when the analyses and vectors cannot be saved', async () => {
    const notAFolder = path.join(dir, 'file');
    await writeFile(notAFolder, 'x');
    const opened = await Library.open({
      knowledgeDir: path.join(dir, 'knowledge'),
      embedder,
      logger,
      quoteAnalysesDir: path.join(notAFolder, 'analyses'),
      cache: await VectorCache.open(path.join(notAFolder, 'vectors'), embedder.modelId),
    });
    expect((await opened.current.ask('How much did the harbour repairs cost?')).answer).toContain(
      '£2 million',
    );
  });
});

describe('Library and entries of the knowledge folder that are not articles', () => {
  const SECRET = 'DISCORD_TOKEN=abcdefghijklmnopqrstuvwxyz0123456789';
  /** A real pino logger writing into an array, to read what the library logged. */
  function recordingLogger(): { logger: typeof logger; lines: { msg: string; skipped?: unknown }[] } {
    const lines: { msg: string; skipped?: unknown }[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString()) as { msg: string });
        done();
      },
    });
    return { logger: pino({ level: 'warn' }, stream), lines };
  }

  it('never answers from a symlink to a file outside the folder, and logs it as skipped at open and reload', async () => {
    await writeFile(path.join(dir, '.env'), `${SECRET}\n`);
    await symlink('../.env', path.join(dir, 'knowledge', 'notes.txt'));
    const { logger: recording, lines } = recordingLogger();
    const opened = await Library.open({
      knowledgeDir: path.join(dir, 'knowledge'),
      embedder,
      logger: recording,
    });

    const result = await opened.current.ask('What is the discord token?');
    expect(JSON.stringify(result)).not.toContain('abcdefghijklmnopqrstuvwxyz');
    expect(opened.current.articles.map((a) => a.file)).not.toContain('notes.txt');
    const skippedAtOpen = lines.find((l) => l.skipped);
    expect(skippedAtOpen?.skipped).toEqual([
      { file: 'notes.txt', reason: expect.stringMatching(/symbolic link .*outside the knowledge folder/) },
    ]);

    await mkdir(path.join(dir, 'knowledge', 'archive'));
    const report = await opened.reload();
    expect(report.skipped.map((s) => s.file)).toEqual(['archive', 'notes.txt']);
    expect(lines.filter((l) => l.skipped).at(-1)?.skipped).toEqual(report.skipped);
  });
});
