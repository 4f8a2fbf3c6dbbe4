import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import nlp from 'compromise';
import { beforeAll, describe, expect, it } from 'vitest';
import { corpusStats } from '../../src/bench/corpus-stats.js';
import {
  corpusQuestions,
  findNames,
  generateCorpus,
  writeCorpus,
  type GeneratedArticle,
} from '../../src/bench/generate-corpus.js';
import { loadKnowledge } from '../../src/knowledge/load-knowledge.js';
import { parseArticle } from '../../src/knowledge/parse-article.js';
import type { Article } from '../../src/knowledge/types.js';

let seed: Article[];
/** The sources the bench uses: the seed article and the question bank's sixteen. */
let sources: Article[];
/** One large corpus, shared by the tests that only read it (generating it takes a few seconds). */
let thousand: GeneratedArticle[];

beforeAll(async () => {
  seed = await loadKnowledge('knowledge');
  sources = [...seed, ...(await loadKnowledge('test/fixtures/question-bank/articles'))];
  thousand = generateCorpus(sources, { articles: 1000, seed: 1 });
}, 120_000);

const words = (text: string) => new Set(text.match(/\p{L}+/gu));

describe('generateCorpus', () => {
  it('gives the same corpus for the same seed, and another for another seed', () => {
    const a = generateCorpus(sources, { articles: 20, seed: 3 });
    const b = generateCorpus(sources, { articles: 20, seed: 3 });
    const c = generateCorpus(sources, { articles: 20, seed: 4 });
    expect(b).toEqual(a);
    expect(c.map((x) => x.paragraphs)).not.toEqual(a.map((x) => x.paragraphs));
  });

  it('gives the first articles of a larger corpus unchanged, so sizes share their articles', () => {
    const small = generateCorpus(sources, { articles: 5, seed: 1 });
    // Slugs are padded to the corpus's size ("bench-1", "bench-0001"); everything else is the same.
    const content = (a: GeneratedArticle) => ({ ...a, slug: undefined, fileName: undefined });
    expect(thousand.slice(0, 5).map(content)).toEqual(small.map(content));
  });

  it('grows its vocabulary with its size as news does (Heaps’ law), not as one article repeated', () => {
    const hundred = corpusStats(thousand.slice(0, 100).map((a) => a.paragraphs));
    const all = corpusStats(thousand.map((a) => a.paragraphs));
    // A loop of a fixed set of paragraphs would keep the distinct words flat from 100 articles on.
    expect(all.distinctWords).toBeGreaterThan(2.5 * hundred.distinctWords);
    expect(all.distinctWords).toBeGreaterThan(15_000);
    expect(all.heaps!.beta).toBeGreaterThan(0.4);
    expect(all.heaps!.beta).toBeLessThan(0.9);
  });

  it('repeats almost no paragraph', () => {
    const stats = corpusStats(thousand.map((a) => a.paragraphs));
    expect(stats.distinctParagraphs / stats.paragraphs).toBeGreaterThanOrEqual(0.95);
  });

  it('gives articles and paragraphs news-like, varied lengths, from many sources', () => {
    const lengths = thousand.map((a) => a.paragraphs.length).sort((a, b) => a - b);
    expect(lengths[Math.floor(lengths.length / 2)]).toBeGreaterThanOrEqual(8);
    expect(lengths[Math.floor(lengths.length / 2)]).toBeLessThanOrEqual(15);
    expect(lengths[Math.floor(lengths.length * 0.05)]).toBeLessThanOrEqual(6);
    expect(lengths[Math.floor(lengths.length * 0.95)]).toBeGreaterThanOrEqual(25);
    const stats = corpusStats(thousand.map((a) => a.paragraphs));
    expect(stats.meanParagraphWords).toBeGreaterThan(25);
    expect(stats.meanParagraphWords).toBeLessThan(60);
    expect(new Set(thousand.map((a) => a.from[0])).size).toBe(sources.length);
    // A long article borrows background paragraphs from other stories.
    expect(thousand.some((a) => a.from.length > 1)).toBe(true);
  });

  it('keeps quotes with their speakers and speech verbs, and names many different people', () => {
    const paragraphs = thousand.flatMap((a) => a.paragraphs);
    const quoted = paragraphs.filter((p) => /“[^”]+”[^“]*\b(?:said|says)\b/u.test(p));
    expect(quoted.length / paragraphs.length).toBeGreaterThan(0.1);
    const people = new Set(thousand.flatMap((a) => a.people));
    expect(people.size).toBeGreaterThan(2000);
    for (const article of thousand.slice(0, 50)) {
      for (const person of article.people) expect(article.paragraphs.join('\n')).toContain(person);
    }
  });

  it('finds the people of the seed article, including the ones compromise alone misses', () => {
    const { fullNames, places } = findNames(seed.flatMap((a) => a.paragraphs.map((p) => p.text)));
    expect(fullNames).toEqual(
      expect.arrayContaining(['Sarah Margon', 'Sean Spicer', 'Jenny Town', 'Kim Jong Un']),
    );
    expect(places).toEqual(expect.arrayContaining(['North Korea', 'Pyongyang']));
  });

  it('does not take a title or a month for a name word', () => {
    const { personWords, fullNames } = findNames(sources.flatMap((a) => a.paragraphs.map((p) => p.text)));
    expect(fullNames).toContain('Ramona Etsitty');
    expect(personWords.has('Chief')).toBe(false);
    expect(personWords.has('January')).toBe(false);
  });

  it('leaves none of the source people’s names in the generated text', () => {
    for (const article of thousand.slice(0, 200)) {
      const present = words([article.title, ...article.paragraphs].join(' '));
      for (const name of [
        'Trump',
        'Margon',
        'Spicer',
        'Tillerson',
        'Pyongyang',
        'Etsitty',
        'Castellano',
        'Chaudhry',
      ]) {
        expect(present.has(name), `${name} in ${article.slug}`).toBe(false);
      }
    }
  });

  it('renames a person the same way wherever the article names them', () => {
    let checked = 0;
    for (const article of thousand) {
      const surname = article.renames['Margon'];
      const text = article.paragraphs.join('\n');
      // The seed names her in full (¶11), then as "Ms Margon" (¶12).
      if (!surname || !text.includes('director of Human Rights Watch') || !text.includes(`Ms ${surname}`))
        continue;
      const fullName = `${article.renames['Sarah']} ${surname}`;
      expect(text).toContain(`said ${fullName}, director of Human Rights Watch`);
      expect(text).toContain(`Ms ${surname} said`);
      expect(article.people).toContain(fullName);
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('replaces a first name with a real one of the same gender, so the engine still sees a person', () => {
    let checked = 0;
    for (const article of thousand.slice(0, 300)) {
      if (article.renames['Sarah']) {
        expect(nlp(article.renames['Sarah']).has('#FemaleName'), article.renames['Sarah']).toBe(true);
        checked++;
      }
      if (article.renames['Sean']) {
        expect(nlp(article.renames['Sean']).has('#MaleName'), article.renames['Sean']).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(5);
  });

  it('gives different articles different people, so the speaker registry grows with the corpus', () => {
    const spokesmen = thousand
      .filter((a) => a.renames['Spicer'])
      .map((a) => `${a.renames['Sean']} ${a.renames['Spicer']}`);
    expect(spokesmen.length).toBeGreaterThan(20);
    expect(new Set(spokesmen).size).toBeGreaterThan(0.8 * spokesmen.length);
  });

  it('replaces content words with words of the same part of speech, each the same way in an article', () => {
    const other = parseArticle(
      'harbour.md',
      Buffer.from(
        '---\ntitle: Harbour reopens\nsource: Test\ndate: 2024-03-01\n---\n\nThe harbour reopened after the storm.\n\n' +
          'The harbour was quiet, and fishermen said the harbour had never looked better.\n',
      ),
    );
    const corpus = generateCorpus([other], { articles: 60, seed: 2 });
    const first = corpus.map((a) => a.paragraphs[0]!);
    // Determiners, prepositions and the shape stay; the nouns and the verb may change.
    for (const p of first) expect(p).toMatch(/^The \p{L}+ \p{L}+ after the \p{L}+\.$/u);
    expect(new Set(first).size).toBeGreaterThan(20);
    let replaced = 0;
    for (const article of corpus) {
      const harbour = article.renames['harbour'] ?? 'harbour';
      if (harbour !== 'harbour') {
        replaced++;
        // A noun where a noun stands ("the vote was quiet"), as compromise reads it in that place.
        expect(nlp(`The ${harbour} was quiet.`).terms().eq(1).has('#Noun'), harbour).toBe(true);
      }
      // The article's word for "harbour" is the same in every place it stands.
      expect(article.paragraphs[0]!.split(' ')[1]).toBe(harbour);
      expect(article.paragraphs[1]).toContain(`the ${harbour} had never`);
      // "said" carries quote attribution, so it is never swapped.
      expect(article.paragraphs[1]).toContain(' said the ');
    }
    expect(replaced).toBeGreaterThan(10);
    expect(replaced).toBeLessThan(50);
  });

  it('writes articles the knowledge loader reads back paragraph for paragraph', async () => {
    const corpus = thousand.slice(0, 3);
    const dir = await mkdtemp(path.join(tmpdir(), 'bench-corpus-'));
    try {
      await writeCorpus(dir, corpus);
      const loaded = await loadKnowledge(dir);
      expect(loaded.map((a) => a.slug)).toEqual(corpus.map((a) => a.slug));
      expect(loaded.map((a) => a.title)).toEqual(corpus.map((a) => a.title));
      expect(loaded.map((a) => a.paragraphs.map((p) => p.text))).toEqual(corpus.map((a) => a.paragraphs));
      await expect(writeCorpus(dir, corpus)).rejects.toThrow(/already holds articles/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('corpusQuestions', () => {
  it('asks about people the corpus names, deterministically', () => {
    const corpus = thousand.slice(0, 10);
    const questions = corpusQuestions(corpus, 12, 5);
    expect(corpusQuestions(corpus, 12, 5)).toEqual(questions);
    const people = new Set(corpus.flatMap((a) => a.people));
    const asked = questions
      .map((q) => /^(?:What did (.+) say|Who is (.+))\?$/.exec(q))
      .filter((m) => m !== null);
    expect(asked.length).toBeGreaterThan(0);
    for (const m of asked) expect(people.has(m[1] ?? m[2]!)).toBe(true);
  });
});
