import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import nlp from 'compromise';
import { describe, expect, it } from 'vitest';
import { readEmbeddingWords } from '../../src/embedding/glove-words.js';
import { replacementVocabulary, WORD_CLASSES, zipfSampler } from '../../src/bench/vocabulary.js';
import { seededRandom } from '../../src/bench/generate-corpus.js';

/** `n` items spread evenly over `list`, frequent and rare words alike. */
const spread = <T>(list: readonly T[], n: number) =>
  Array.from({ length: Math.min(n, list.length) }, (_, i) => list[Math.floor((i * list.length) / n)]!);

describe('readEmbeddingWords', () => {
  it('reads the word list of a vectors file, even with brackets and quotes among the words', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'bench-vocab-'));
    try {
      const file = path.join(dir, 'vectors.json');
      const words = ['the', ']', '"', 'café', 'said'];
      await writeFile(file, JSON.stringify({ precision: 8, size: 5, words, vectors: { the: [0.1] } }));
      expect(readEmbeddingWords({ file })).toEqual(words);
      expect(readEmbeddingWords({ file, limit: 3 })).toEqual(words.slice(0, 3));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('replacementVocabulary', () => {
  const vocabulary = replacementVocabulary();
  // How compromise reads a word of each class, on its own or where such a word stands in a sentence.
  const expected = {
    NN: ['#Noun', 'the'],
    NNS: ['#Plural', 'the'],
    VB: ['#Verb', 'they will'],
    VBD: ['#Verb', 'they have'],
    VBG: ['#Gerund', 'they were'],
    VBZ: ['#PresentTense', 'it'],
    JJ: ['#Adjective', 'it was very'],
    RB: ['#Adverb', 'she spoke'],
  } as const;
  const reads = (word: string, [tag, before]: readonly [string, string]) =>
    nlp(word).has(tag) || nlp(`${before} ${word}.`).terms().eq(before.split(' ').length).has(tag);

  it('sorts the embedding vocabulary into large lists of one part of speech each', () => {
    for (const cls of WORD_CLASSES) {
      const words = vocabulary.words[cls];
      expect(words.length, cls).toBeGreaterThan(1000);
      const sample = spread(words, 200);
      const misread = sample.filter((w) => !reads(w, expected[cls]));
      expect(misread.length / sample.length, `${cls}: ${misread.slice(0, 10).join(' ')}`).toBeLessThan(0.2);
    }
  });

  it('keeps speech verbs and function words out of the lists', () => {
    const all = new Set(WORD_CLASSES.flatMap((c) => vocabulary.words[c]));
    for (const word of ['said', 'says', 'told', 'added', 'the', 'its', 'spokesman', 'monday']) {
      expect(all.has(word), word).toBe(false);
    }
  });

  it('has thousands of names, with given names compromise knows by gender', () => {
    expect(vocabulary.surnames.length).toBeGreaterThan(10_000);
    expect(vocabulary.places.length).toBeGreaterThan(100);
    for (const name of spread(vocabulary.femaleNames, 30))
      expect(nlp(name).has('#FemaleName'), name).toBe(true);
    for (const name of spread(vocabulary.maleNames, 30)) expect(nlp(name).has('#MaleName'), name).toBe(true);
    for (const place of vocabulary.places) expect(place).toMatch(/^\p{Lu}\p{Ll}*a$/u);
  });
});

describe('zipfSampler', () => {
  it('draws low ranks most often, falling as a power of rank', () => {
    const draw = zipfSampler(1000, 1);
    const random = seededRandom(5);
    const counts = new Array<number>(1000).fill(0);
    for (let i = 0; i < 100_000; i++) counts[draw(random)]!++;
    // P(rank r) ∝ 1/r: rank 1 about twice rank 2 and ten times rank 10.
    expect(counts[0]! / counts[1]!).toBeGreaterThan(1.8);
    expect(counts[0]! / counts[1]!).toBeLessThan(2.2);
    expect(counts[0]! / counts[9]!).toBeGreaterThan(8.5);
    expect(counts[0]! / counts[9]!).toBeLessThan(11.5);
    expect(counts.every((c, i) => i === 0 || c <= counts[0]!)).toBe(true);
  });

  it('flattens the head with an offset', () => {
    const draw = zipfSampler(1000, 1, 10);
    const random = seededRandom(5);
    const counts = new Array<number>(1000).fill(0);
    for (let i = 0; i < 100_000; i++) counts[draw(random)]!++;
    // (1 + 11) / (1 + 10)… rank 1 vs rank 2 is 12/11, not 2.
    expect(counts[0]! / counts[1]!).toBeLessThan(1.3);
  });
});
