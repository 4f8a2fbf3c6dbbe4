import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import nlp from 'compromise';
import { beforeAll, describe, expect, it } from 'vitest';
import { corpusQuestions, findNames, generateCorpus, writeCorpus } from '../../src/bench/generate-corpus.js';
import { loadKnowledge } from '../../src/knowledge/load-knowledge.js';
import { parseArticle } from '../../src/knowledge/parse-article.js';
import type { Article } from '../../src/knowledge/types.js';

let seed: Article[];
beforeAll(async () => {
  seed = await loadKnowledge('knowledge');
});

const words = (text: string) => new Set(text.match(/\p{L}+/gu));

describe('generateCorpus', () => {
  it('gives the same corpus for the same seed, and another for another seed', () => {
    const a = generateCorpus(seed, { articles: 20, seed: 3 });
    const b = generateCorpus(seed, { articles: 20, seed: 3 });
    const c = generateCorpus(seed, { articles: 20, seed: 4 });
    expect(b).toEqual(a);
    expect(c.map((x) => x.paragraphs)).not.toEqual(a.map((x) => x.paragraphs));
  });

  it('gives the first articles of a larger corpus unchanged, so sizes share their articles', () => {
    const small = generateCorpus(seed, { articles: 5, seed: 1 });
    const large = generateCorpus(seed, { articles: 50, seed: 1 });
    expect(large.slice(0, 5).map((a) => a.paragraphs)).toEqual(small.map((a) => a.paragraphs));
  });

  it('finds the people of the seed article, including the ones compromise alone misses', () => {
    const { fullNames, places } = findNames(seed.flatMap((a) => a.paragraphs.map((p) => p.text)));
    expect(fullNames).toEqual(
      expect.arrayContaining(['Sarah Margon', 'Sean Spicer', 'Jenny Town', 'Kim Jong Un']),
    );
    expect(places).toEqual(expect.arrayContaining(['North Korea', 'Pyongyang']));
  });

  it('leaves none of the source people’s names in the generated text', () => {
    const corpus = generateCorpus(seed, { articles: 30, seed: 1 });
    for (const article of corpus) {
      const present = words([article.title, ...article.paragraphs].join(' '));
      for (const name of [
        'Trump',
        'Kim',
        'Margon',
        'Sarah',
        'Spicer',
        'Tillerson',
        'Jenny',
        'Town',
        'Obama',
        'Pyongyang',
      ]) {
        expect(present.has(name), `${name} in ${article.slug}`).toBe(false);
      }
    }
  });

  it('renames a person the same way wherever the article names them', () => {
    const corpus = generateCorpus(seed, { articles: 30, seed: 1 });
    let checked = 0;
    for (const article of corpus) {
      const text = article.paragraphs.join('\n');
      const surname = article.renames['Margon']!;
      const fullName = `${article.renames['Sarah']} ${surname}`;
      // The seed names her in full (¶11), then as "Ms Margon" (¶12).
      if (!text.includes('fool’s errand') || !text.includes('A meeting itself is leverage')) continue;
      expect(text).toContain(`said ${fullName}, director of Human Rights Watch`);
      expect(text).toContain(`Ms ${surname} said`);
      expect(article.people).toContain(fullName);
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('replaces a first name with a real one of the same gender, so the engine still sees a person', () => {
    const corpus = generateCorpus(seed, { articles: 10, seed: 1 });
    for (const article of corpus) {
      expect(nlp(article.renames['Sarah']!).has('#FemaleName')).toBe(true);
      expect(nlp(article.renames['Sean']!).has('#MaleName')).toBe(true);
    }
  });

  it('gives different articles different people, so the speaker registry grows with the corpus', () => {
    const corpus = generateCorpus(seed, { articles: 30, seed: 1 });
    const spokesmen = new Set(corpus.map((a) => `${a.renames['Sean']} ${a.renames['Spicer']}`));
    expect(spokesmen.size).toBeGreaterThan(20);
  });

  it('writes articles the knowledge loader reads back paragraph for paragraph', async () => {
    const corpus = generateCorpus(seed, { articles: 3, seed: 1 });
    const dir = await mkdtemp(path.join(tmpdir(), 'bench-corpus-'));
    try {
      await writeCorpus(dir, corpus);
      const loaded = await loadKnowledge(dir);
      expect(loaded.map((a) => a.slug)).toEqual(corpus.map((a) => a.slug));
      expect(loaded.map((a) => a.paragraphs.map((p) => p.text))).toEqual(corpus.map((a) => a.paragraphs));
      await expect(writeCorpus(dir, corpus)).rejects.toThrow(/already holds articles/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('recombines the paragraphs of several sources', () => {
    const other = parseArticle(
      'harbour.md',
      Buffer.from(
        '---\ntitle: Harbour reopens\nsource: Test\ndate: 2024-03-01\n---\n\nThe harbour reopened.\n\nBoats returned at dawn.\n',
      ),
    );
    const corpus = generateCorpus([...seed, other], { articles: 40, seed: 2 });
    const all = corpus.flatMap((a) => a.paragraphs);
    expect(all).toContain('Boats returned at dawn.');
    expect(all.some((p) => p.includes('conditions are not there right now'))).toBe(true);
  });
});

describe('corpusQuestions', () => {
  it('asks about people the corpus names, deterministically', () => {
    const corpus = generateCorpus(seed, { articles: 10, seed: 1 });
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
