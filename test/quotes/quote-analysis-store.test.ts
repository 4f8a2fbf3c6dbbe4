import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/load-knowledge.js';
import type { Article } from '../../src/knowledge/types.js';
import { loadQuoteAnalyses, saveQuoteAnalyses } from '../../src/quotes/quote-analysis-store.js';
import { buildQuoteIndex, type QuoteIndex } from '../../src/quotes/quote-index.js';

const FILE = 'quote-analyses.json';
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
    const loaded = await loadQuoteAnalyses(dir);
    expect([...loaded.keys()]).toEqual([...fresh.analyses.keys()]);
    const rebuilt = await buildQuoteIndex(articles, loaded);
    // Reused, not analysed again.
    for (const [key, analysis] of rebuilt.analyses) expect(analysis).toBe(loaded.get(key));
    expect(fresh.people.length).toBeGreaterThan(3);
    expect(answers(rebuilt)).toEqual(answers(fresh));
  });
});

describe('loadQuoteAnalyses', () => {
  let analyses: QuoteIndex['analyses'];
  beforeEach(async () => {
    analyses = (await buildQuoteIndex(await loadKnowledge('knowledge'))).analyses;
    await saveQuoteAnalyses(dir, analyses);
  });

  it('gives an empty map when there is no file, or no folder', async () => {
    await rm(path.join(dir, FILE));
    expect((await loadQuoteAnalyses(dir)).size).toBe(0);
    expect((await loadQuoteAnalyses(path.join(dir, 'absent'))).size).toBe(0);
  });

  it('gives an empty map for a corrupt file: cut short, or valid JSON of the wrong shape', async () => {
    const text = await readFile(path.join(dir, FILE), 'utf8');
    await writeFile(path.join(dir, FILE), text.slice(0, text.length / 2));
    expect((await loadQuoteAnalyses(dir)).size).toBe(0);
    const data = JSON.parse(text) as { analyses: [string, { speakers: unknown }][] };
    data.analyses[0]![1].speakers = 'none';
    await writeFile(path.join(dir, FILE), JSON.stringify(data));
    expect((await loadQuoteAnalyses(dir)).size).toBe(0);
  });

  it('gives an empty map for a file written by other code', async () => {
    expect((await loadQuoteAnalyses(dir)).size).toBe(analyses.size);
    const data = JSON.parse(await readFile(path.join(dir, FILE), 'utf8')) as { version: string };
    data.version = `${data.version.slice(0, -1)}${data.version.endsWith('0') ? '1' : '0'}`;
    await writeFile(path.join(dir, FILE), JSON.stringify(data));
    expect((await loadQuoteAnalyses(dir)).size).toBe(0);
  });
});

describe('saveQuoteAnalyses', () => {
  it('keeps exactly the analyses given, dropping those of articles gone or changed', async () => {
    const articles = [
      ...(await loadKnowledge('knowledge')),
      ...(await loadKnowledge('test/fixtures/heldout-style')),
    ];
    const { analyses } = await buildQuoteIndex(articles);
    await saveQuoteAnalyses(dir, analyses);
    expect([...(await loadQuoteAnalyses(dir)).keys()]).toEqual([...analyses.keys()]);
    const [kept] = [...analyses];
    await saveQuoteAnalyses(dir, new Map([kept!]));
    const loaded = await loadQuoteAnalyses(dir);
    expect([...loaded.keys()]).toEqual([kept![0]]);
    expect(loaded.get(kept![0])).toEqual(kept![1]);
  });

  it('creates the folder and leaves only the finished file, however often it is written', async () => {
    const nested = path.join(dir, 'cache', 'quotes');
    const { analyses } = await buildQuoteIndex(await loadKnowledge('knowledge'));
    await Promise.all([saveQuoteAnalyses(nested, analyses), saveQuoteAnalyses(nested, analyses)]);
    await saveQuoteAnalyses(nested, new Map());
    expect(await readdir(nested)).toEqual([FILE]);
    expect((await loadQuoteAnalyses(nested)).size).toBe(0);
  });
});
