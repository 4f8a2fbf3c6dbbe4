import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/load-knowledge.js';
import type { Article } from '../../src/knowledge/types.js';
import type { ArticleQuotes } from '../../src/quotes/article-quotes.js';
import { loadQuoteAnalyses, saveQuoteAnalyses } from '../../src/quotes/quote-analysis-store.js';
import { buildQuoteIndex, type QuoteIndex } from '../../src/quotes/quote-index.js';
import { capturingLogger } from '../embedding/capturing-logger.js';

const FILE = 'quote-analyses.json';

/** Loads as the library does, with the articles the analyses belong to and a logger whose lines the test reads. */
async function load(folder: string, articles: readonly Article[]) {
  const { logger, lines, warnings } = capturingLogger();
  const analyses = await loadQuoteAnalyses(folder, { articles, logger });
  return { analyses, lines, warnings: warnings() };
}
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'quote-analyses-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Every answer the index gives for the names it knows, a typo of each, an unknown name and each prefix. */
function answers(index: QuoteIndex) {
  const names = index.people.flatMap((p) => [p.canonical, ...p.aliases]);
  const typos = names.map((n) => n.slice(0, -2) + n.slice(-1));
  const prefixes = names.flatMap((n) => n.split(' ').map((w) => w.slice(0, 2)));
  return {
    people: index.people,
    quotes: index.quotes,
    lookups: [...names, ...typos, 'Nobody Known'].map((n) => index.lookup(n)),
    suggestions: ['', ...prefixes].map((p) => index.suggest(p)),
  };
}

describe.each([
  ['the seed article', 'knowledge'],
  ['the held-out style article', 'test/fixtures/heldout-style'],
])('saved and loaded analyses of %s', (_, folder) => {
  let articles: Article[];
  let fresh: QuoteIndex;
  beforeEach(async () => {
    articles = await loadKnowledge(folder);
    fresh = await buildQuoteIndex(articles);
  });

  it('build an index that answers exactly as the freshly built one', async () => {
    await saveQuoteAnalyses(dir, fresh.analyses);
    const { analyses: loaded, warnings } = await load(dir, articles);
    expect(warnings).toEqual([]);
    expect([...loaded.keys()]).toEqual([...fresh.analyses.keys()]);
    const rebuilt = await buildQuoteIndex(articles, loaded);
    // Reused, not analysed again.
    for (const [key, analysis] of rebuilt.analyses) expect(analysis).toBe(loaded.get(key));
    expect(fresh.people.length).toBeGreaterThan(3);
    expect(answers(rebuilt)).toEqual(answers(fresh));
  });
});

describe('loadQuoteAnalyses', () => {
  let articles: Article[];
  let fresh: QuoteIndex;
  let analyses: QuoteIndex['analyses'];
  beforeEach(async () => {
    articles = await loadKnowledge('knowledge');
    fresh = await buildQuoteIndex(articles);
    analyses = fresh.analyses;
    await saveQuoteAnalyses(dir, analyses);
  });

  it('gives an empty map when there is no file, or no folder, and says nothing', async () => {
    await rm(path.join(dir, FILE));
    expect(await load(dir, articles)).toMatchObject({ analyses: new Map(), warnings: [] });
    expect(await load(path.join(dir, 'absent'), articles)).toMatchObject({
      analyses: new Map(),
      warnings: [],
    });
  });

  it('discards a corrupt file (cut short, or of the wrong shape) with a warning naming it', async () => {
    const file = path.join(dir, FILE);
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.slice(0, text.length / 2));
    let loaded = await load(dir, articles);
    expect(loaded.analyses.size).toBe(0);
    expect(loaded.warnings).toHaveLength(1);
    expect(loaded.warnings[0]!.msg).toContain(file);

    const [[key, analysis]] = [...analyses] as [[string, ArticleQuotes]];
    await saveQuoteAnalyses(
      dir,
      new Map([[key, { ...analysis, speakers: 'none' } as unknown as ArticleQuotes]]),
    );
    loaded = await load(dir, articles);
    expect(loaded.analyses.size).toBe(0);
    expect(loaded.warnings).toHaveLength(1);
    expect(loaded.warnings[0]!.msg).toContain(file);
  });

  it('checks and returns only the analyses of the articles asked for, whatever else the file holds', async () => {
    const others = await loadKnowledge('test/fixtures/heldout-style');
    const { analyses: theirs } = await buildQuoteIndex(others);
    const [[otherKey, otherAnalysis]] = [...theirs] as [[string, ArticleQuotes]];
    // Another article's analysis, out of shape: a process asking for these articles never reads it.
    await saveQuoteAnalyses(
      dir,
      new Map([...analyses, [otherKey, { ...otherAnalysis, quotes: 'none' } as unknown as ArticleQuotes]]),
    );
    const loaded = await load(dir, articles);
    expect([...loaded.analyses.keys()]).toEqual([...analyses.keys()]);
    expect(loaded.warnings).toEqual([]);
    // Asked for, the same entry is discarded with a warning naming its article.
    const asked = await load(dir, others);
    expect(asked.analyses.has(otherKey)).toBe(false);
    expect(asked.warnings).toHaveLength(1);
    expect(asked.warnings[0]!.msg).toContain(otherKey.split(':')[0]);
  });

  it('discards a file changed after it was written, though still valid, so no quote is misattributed', async () => {
    const file = path.join(dir, FILE);
    const text = await readFile(file, 'utf8');
    // One quote moved to another speaker of the same article: valid JSON, every index in range.
    const edited = text.replace(/"speaker":(\d+)/u, (_, n: string) => `"speaker":${n === '0' ? 1 : 0}`);
    expect(edited).not.toBe(text);
    await writeFile(file, edited);
    const loaded = await load(dir, articles);
    expect(loaded.analyses.size).toBe(0);
    expect(loaded.warnings).toHaveLength(1);
    expect(loaded.warnings[0]!.msg).toContain(file);
  });

  it('discards a file written by other code, and says so without a warning', async () => {
    expect((await load(dir, articles)).analyses.size).toBe(analyses.size);
    const file = path.join(dir, FILE);
    const text = await readFile(file, 'utf8');
    const version = /"version":"([0-9a-f]+)"/u.exec(text)![1]!;
    await writeFile(
      file,
      text.replace(version, `${version.slice(0, -1)}${version.endsWith('0') ? '1' : '0'}`),
    );
    const loaded = await load(dir, articles);
    expect(loaded.analyses.size).toBe(0);
    expect(loaded.warnings).toEqual([]);
    expect(loaded.lines.map((l) => l.msg).join('\n')).toContain(file);
  });

  it.each([
    [
      'quote paragraphs past the end of the article',
      (a: ArticleQuotes, n: number) => ({
        ...a,
        quotes: a.quotes.map((q) => (q.speaker === n ? { ...q, paragraphIndex: 10_000 } : q)),
      }),
    ],
    [
      'quote speakers past the end of the speaker list',
      (a: ArticleQuotes, n: number) => ({
        ...a,
        quotes: a.quotes.map((q) => (q.speaker === n ? { ...q, speaker: a.speakers.length + 3 } : q)),
      }),
    ],
    [
      'sentence ids the article does not have',
      (a: ArticleQuotes, n: number) => ({
        ...a,
        speakers: a.speakers.map((s, i) => (i === n ? { ...s, spoke: [...s.spoke, 'elsewhere#99.1'] } : s)),
      }),
    ],
  ])(
    "discards, with a warning, a saved analysis with %s, and the speaker's quotes come back",
    async (_, doctor) => {
      // The most quoted speaker's index in its article's analysis.
      const [key, analysis] = [...analyses].find(([, a]) => a.quotes.some((q) => q.speaker !== null))!;
      const counts = new Map<number, number>();
      for (const q of analysis.quotes)
        if (q.speaker !== null) counts.set(q.speaker, (counts.get(q.speaker) ?? 0) + 1);
      const [speaker] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
      const name = analysis.speakers[speaker]!.canonical;
      expect(fresh.lookup(name).quotes.length).toBeGreaterThan(0);

      // Written by the store itself, so the file is whole and correctly stamped: only the indexes are wrong.
      await saveQuoteAnalyses(
        dir,
        new Map([...analyses].map(([k, a]) => [k, k === key ? doctor(a, speaker) : a])),
      );
      const loaded = await load(dir, articles);
      expect(loaded.analyses.has(key)).toBe(false);
      expect(loaded.analyses.size).toBe(analyses.size - 1);
      expect(loaded.warnings).toHaveLength(1);
      expect(loaded.warnings[0]!.msg).toContain(path.join(dir, FILE));
      expect(loaded.warnings[0]!.msg).toContain(key.split(':')[0]);

      const rebuilt = await buildQuoteIndex(articles, loaded.analyses);
      expect(rebuilt.lookup(name)).toEqual(fresh.lookup(name));
      expect(answers(rebuilt)).toEqual(answers(fresh));
    },
  );
});

describe('saveQuoteAnalyses', () => {
  it('keeps exactly the analyses given, dropping those of articles gone or changed', async () => {
    const articles = [
      ...(await loadKnowledge('knowledge')),
      ...(await loadKnowledge('test/fixtures/heldout-style')),
    ];
    const { analyses } = await buildQuoteIndex(articles);
    await saveQuoteAnalyses(dir, analyses);
    expect([...(await load(dir, articles)).analyses.keys()]).toEqual([...analyses.keys()]);
    const [kept] = [...analyses];
    await saveQuoteAnalyses(dir, new Map([kept!]));
    const { analyses: loaded } = await load(dir, articles);
    expect([...loaded.keys()]).toEqual([kept![0]]);
    expect(loaded.get(kept![0])).toEqual(kept![1]);
  });

  it('creates the folder and leaves only the finished file, however often it is written', async () => {
    const nested = path.join(dir, 'cache', 'quotes');
    const articles = await loadKnowledge('knowledge');
    const { analyses } = await buildQuoteIndex(articles);
    await Promise.all([saveQuoteAnalyses(nested, analyses), saveQuoteAnalyses(nested, analyses)]);
    await saveQuoteAnalyses(nested, new Map());
    expect(await readdir(nested)).toEqual([FILE]);
    expect((await load(nested, articles)).analyses.size).toBe(0);
  });

  it('leaves no temporary file when the final rename fails', async () => {
    const { analyses } = await buildQuoteIndex(await loadKnowledge('knowledge'));
    // A folder where the file should go: the temporary file is written, the rename onto it fails.
    await mkdir(path.join(dir, FILE));
    await expect(saveQuoteAnalyses(dir, analyses)).rejects.toThrow();
    expect(await readdir(dir)).toEqual([FILE]);
  });
});
