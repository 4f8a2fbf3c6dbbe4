import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import nlp from 'compromise';
import { loadKnowledge } from '../knowledge/load-knowledge.js';
import type { Article } from '../knowledge/types.js';

/** One synthetic article: real paragraphs, recombined, with every person and place renamed. */
export interface GeneratedArticle {
  slug: string;
  fileName: string;
  title: string;
  date: string;
  paragraphs: string[];
  /** Full names (as generated) of the people its paragraphs name, for quote and question workloads. */
  people: string[];
  /** Source name or word → generated one, as applied to this article. */
  renames: Record<string, string>;
}

/** The names found in the source articles, which every generated article renames afresh. */
export interface NameInventory {
  /** Words of people's names: `given` opens a multi-word name, `family` is any other name word. */
  personWords: Map<string, 'given' | 'family'>;
  /** The gender of given names compromise knows as female or male first names. */
  genders: Map<string, 'female' | 'male'>;
  /** Full names of two or more words, as written in the sources ("Ana Ruiz"). */
  fullNames: string[];
  /** Place names, possibly several words ("Port Ellis"). */
  places: string[];
}

/** Options for generateCorpus; the same options and sources always give the same corpus. */
export interface CorpusOptions {
  articles: number;
  seed: number;
}

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
// Real first names, of the same gender as the name they replace: the engine recognises people partly by
// known first names and reads "she said" by gender, so invented first names would hide people from it.
const FEMALE_NAMES = [
  'Anna',
  'Maria',
  'Laura',
  'Emma',
  'Julia',
  'Sofia',
  'Helen',
  'Rachel',
  'Karen',
  'Nadia',
  'Alice',
  'Clara',
  'Diana',
  'Elena',
  'Fiona',
  'Irene',
  'Joanna',
  'Kate',
  'Lucy',
  'Megan',
  'Nora',
  'Olivia',
  'Paula',
  'Rosa',
  'Tanya',
  'Vera',
  'Wendy',
  'Zoe',
];
const MALE_NAMES = [
  'David',
  'Peter',
  'James',
  'Thomas',
  'Daniel',
  'Michael',
  'Robert',
  'Carlos',
  'Ivan',
  'Omar',
  'Hans',
  'Luis',
  'Paul',
  'Simon',
  'Victor',
  'Adam',
  'Brian',
  'Colin',
  'Edward',
  'George',
  'Henry',
  'Igor',
  'Jacob',
  'Kevin',
  'Leon',
  'Martin',
  'Oscar',
  'Stefan',
];
// Surnames are invented, so that people in different articles are rarely the same person.
const FAMILY_START = [
  'Vel',
  'Kor',
  'Ash',
  'Brin',
  'Dal',
  'Fen',
  'Har',
  'Lin',
  'Mor',
  'Quil',
  'Ros',
  'Tal',
  'Wen',
  'Zor',
  'Pell',
  'Gar',
  'Hol',
  'Stra',
  'Tor',
  'Ul',
];
const FAMILY_MIDDLE = ['', 'a', 'e', 'i', 'o', 'en', 'ar', 'is'];
const FAMILY_END = [
  'ston',
  'berg',
  'vik',
  'ford',
  'ley',
  'der',
  'mont',
  'ova',
  'wick',
  'sen',
  'ard',
  'quist',
];
const PLACE_START = [
  'Vel',
  'Os',
  'Kar',
  'Bel',
  'Tam',
  'Ner',
  'Sol',
  'Drav',
  'Ist',
  'Mar',
  'Lun',
  'Ser',
  'Ab',
  'Cor',
];
const PLACE_END = ['oria', 'avia', 'esia', 'ania', 'ara', 'ona', 'ista', 'ella', 'ovia', 'ura'];

// Capitalised words separated by single spaces; a possessive ends the run ("Russia’s Vladimir Putin").
const CAPITALISED_RUN = /\p{Lu}[\p{L}]*(?:[’']s)?(?: \p{Lu}[\p{L}]*(?:[’']s)?)*/gu;

/** Small, fast, seedable PRNG (mulberry32), so a corpus is the same on every machine and Node version. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const stripPossessive = (word: string) => word.replace(/[’']s$/, '');

/**
 * Finds the people and places the paragraphs name. compromise spots names it knows; a capitalised word
 * that follows a name word extends the name ("Ban Ki Moon"), and a known first name followed by a
 * capitalised word opens one ("Ana Ruiz"), which compromise alone misses.
 */
export function findNames(paragraphs: readonly string[]): NameInventory {
  const seeds = new Set<string>();
  const places = new Set<string>();
  for (const text of paragraphs) {
    const doc = nlp(text);
    for (const match of doc.people().json({ terms: { tags: true } }) as CompromiseMatch[]) {
      for (const term of match.terms) {
        const word = stripPossessive(term.text.replace(/^[^\p{L}]+|[^\p{L}’']+$/gu, ''));
        if (!term.tags.includes('Honorific') && /^\p{Lu}/u.test(word)) seeds.add(word);
      }
    }
    for (const match of doc.places().json() as CompromiseMatch[]) {
      for (const part of match.text.split(/[-–—]/)) {
        const place = stripPossessive(part.replace(/^[^\p{L}]+|[^\p{L}’']+$/gu, '').trim());
        if (/^\p{Lu}/u.test(place)) places.add(place);
      }
    }
  }

  const runs: string[][] = [];
  for (const text of paragraphs) {
    for (const [runText] of text.matchAll(CAPITALISED_RUN)) {
      const words = runText.split(' ');
      // A possessive ends a name, so "Russia’s Vladimir Putin" is two runs.
      for (let start = 0; start < words.length;) {
        let end = words.findIndex((w, i) => i >= start && /[’']s$/.test(w));
        end = end === -1 ? words.length : end + 1;
        runs.push(words.slice(start, end).map(stripPossessive));
        start = end;
      }
    }
  }

  const personWords = new Map<string, 'given' | 'family'>();
  const fullNames = new Set<string>();
  for (const run of runs) {
    const first = run.findIndex((w, i) => seeds.has(w) || (i + 1 < run.length && isKnownFirstName(w)));
    if (first === -1) continue;
    const name = run.slice(first);
    if (name.some((w) => places.has(w))) continue;
    name.forEach((word, i) => {
      const role = i === 0 && name.length > 1 ? 'given' : 'family';
      // A word seen both ways ("Ban Ki Moon", "Mr Ban") is renamed as a family name: that reads right in both.
      if (personWords.get(word) !== 'family') personWords.set(word, role);
    });
    if (name.length > 1) fullNames.add(name.join(' '));
  }
  const placeList = [...places].filter((p) => !p.split(' ').some((w) => personWords.has(w)));
  const genders = new Map<string, 'female' | 'male'>();
  for (const [word, role] of personWords) {
    if (role !== 'given') continue;
    const doc = nlp(word);
    if (doc.has('#FemaleName')) genders.set(word, 'female');
    else if (doc.has('#MaleName')) genders.set(word, 'male');
  }
  return { personWords, genders, fullNames: [...fullNames], places: placeList };
}

interface CompromiseMatch {
  text: string;
  terms: { text: string; tags: string[] }[];
}

const firstNameCache = new Map<string, boolean>();
function isKnownFirstName(word: string): boolean {
  let known = firstNameCache.get(word);
  if (known === undefined) {
    known = nlp(word).has('#FirstName');
    firstNameCache.set(word, known);
  }
  return known;
}

/**
 * Builds `options.articles` articles from the paragraphs of `sources`: each takes a source-like number of
 * paragraphs (kept in source order), renames every person and place consistently within the article
 * (a full name and a later "Ms Surname" get the same new surname) and shifts weekdays and years, so text
 * rarely repeats between articles and the vector cache cannot short-cut the embedding. Deterministic.
 */
export function generateCorpus(sources: readonly Article[], options: CorpusOptions): GeneratedArticle[] {
  const pool = sources.flatMap((a, articleIndex) =>
    a.paragraphs.map((p) => ({ articleIndex, text: p.text })),
  );
  if (pool.length === 0) throw new Error('The source articles have no paragraphs to recombine');
  const inventory = findNames(pool.map((p) => p.text));
  const random = seededRandom(options.seed);
  const meanLength = pool.length / sources.length;
  const minLength = Math.max(1, Math.min(pool.length, Math.round(meanLength * 0.7)));
  const maxLength = Math.max(minLength, Math.min(pool.length, Math.round(meanLength * 1.3)));
  const width = String(options.articles).length;

  const articles: GeneratedArticle[] = [];
  for (let n = 1; n <= options.articles; n++) {
    const length = minLength + Math.floor(random() * (maxLength - minLength + 1));
    const chosen = sample(random, pool.length, length).sort((a, b) => a - b);
    const renames = makeRenames(random, inventory);
    const rewrite = renamer(renames);
    const paragraphs = chosen.map((i) => rewrite(pool[i]!.text));
    const titleSource = sources[pool[chosen[0]!]!.articleIndex]!;
    const slug = `bench-${String(n).padStart(width, '0')}`;
    const body = paragraphs.join('\n');
    articles.push({
      slug,
      fileName: `${slug}.md`,
      title: rewrite(titleSource.title),
      date: `20${10 + Math.floor(random() * 15)}-${pad2(1 + Math.floor(random() * 12))}-${pad2(1 + Math.floor(random() * 28))}`,
      paragraphs,
      people: inventory.fullNames.map(rewrite).filter((name) => body.includes(name)),
      renames,
    });
  }
  return articles;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** `count` distinct indices below `size`, by a partial Fisher–Yates shuffle. */
function sample(random: () => number, size: number, count: number): number[] {
  const indices = Array.from({ length: size }, (_, i) => i);
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(random() * (size - i));
    [indices[i], indices[j]] = [indices[j]!, indices[i]!];
  }
  return indices.slice(0, count);
}

function makeRenames(random: () => number, inventory: NameInventory): Record<string, string> {
  const renames: Record<string, string> = {};
  const used = new Set<string>();
  const fresh = (make: () => string) => {
    // Distinct within an article, or two people would merge; across articles, shared names are realistic.
    for (let attempt = 0; ; attempt++) {
      // A source naming more people than there are first names gets invented ones for the rest.
      const name = attempt < 50 ? make() : inventedWord(random);
      if (!used.has(name)) {
        used.add(name);
        return name;
      }
    }
  };
  for (const [word, role] of inventory.personWords) {
    const gender = inventory.genders.get(word);
    const given =
      gender === 'female' ? FEMALE_NAMES : gender === 'male' ? MALE_NAMES : [...FEMALE_NAMES, ...MALE_NAMES];
    renames[word] = fresh(() => (role === 'given' ? pick(random, given) : inventedWord(random)));
  }
  for (const place of inventory.places)
    renames[place] = fresh(() => pick(random, PLACE_START) + pick(random, PLACE_END));
  const shift = Math.floor(random() * 7);
  WEEKDAYS.forEach((day, i) => (renames[day] = WEEKDAYS[(i + shift) % 7]!));
  renames['#year'] = String(Math.floor(random() * 17) - 8);
  return renames;
}

function inventedWord(random: () => number): string {
  return pick(random, FAMILY_START) + pick(random, FAMILY_MIDDLE) + pick(random, FAMILY_END);
}

/**
 * A function applying `renames` in one pass (so a generated name is never renamed again). A place's
 * demonym follows it: generated places end in "a", so when "Freedonia" becomes "Veloria", "Freedonian"
 * becomes "Velorian".
 */
function renamer(renames: Record<string, string>): (text: string) => string {
  const keys = Object.keys(renames)
    .filter((k) => k !== '#year')
    .sort((a, b) => b.length - a.length)
    .map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const words = new RegExp(`(?<!\\p{L})(${keys.join('|')})(ns?)?(?!\\p{L})`, 'gu');
  const yearShift = Number(renames['#year'] ?? 0);
  return (text) =>
    text
      .replace(words, (_, name: string, suffix: string | undefined) => renames[name]! + (suffix ?? ''))
      .replace(/(?<!\d)(19|20)\d{2}(?!\d)/g, (year) => String(Number(year) + yearShift));
}

/** The article as a knowledge file: front matter the loader accepts, paragraphs separated by blank lines. */
export function toMarkdown(article: GeneratedArticle): string {
  // JSON strings are valid YAML scalars, so any title survives quoting.
  const frontMatter = [
    `title: ${JSON.stringify(article.title)}`,
    'source: Generated benchmark corpus',
    `date: ${JSON.stringify(article.date)}`,
    `slug: ${article.slug}`,
  ];
  return `---\n${frontMatter.join('\n')}\n---\n\n${article.paragraphs.join('\n\n')}\n`;
}

/** Writes the articles into `dir` (created if missing); refuses a folder that already holds articles. */
export async function writeCorpus(dir: string, articles: readonly GeneratedArticle[]): Promise<void> {
  await mkdir(dir, { recursive: true });
  if ((await readdir(dir)).some((name) => /\.(md|txt)$/i.test(name))) {
    throw new Error(`${dir} already holds articles; give an empty folder so the corpora do not mix`);
  }
  for (const article of articles) await writeFile(path.join(dir, article.fileName), toMarkdown(article));
}

/**
 * `count` questions in the generated articles' own words: who-said and who-is questions about the people
 * they name, and questions made of a run of words from one of their sentences. Deterministic.
 */
export function corpusQuestions(
  articles: readonly GeneratedArticle[],
  count: number,
  seed: number,
): string[] {
  const random = seededRandom(seed);
  const questions: string[] = [];
  for (let i = 0; i < count; i++) {
    const article = pick(random, articles);
    const person = article.people.length > 0 ? pick(random, article.people) : undefined;
    if (person && i % 3 === 0) questions.push(`What did ${person} say?`);
    else if (person && i % 3 === 1) questions.push(`Who is ${person}?`);
    else {
      const words = pick(random, article.paragraphs)
        .replace(/[“”"‘’()[\]]/g, '')
        .split(/\s+/)
        .filter(Boolean);
      const length = Math.min(words.length, 5 + Math.floor(random() * 6));
      const start = Math.floor(random() * (words.length - length + 1));
      const fragment = words
        .slice(start, start + length)
        .join(' ')
        .replace(/[.,;:!?—–-]+$/, '');
      questions.push(`What about ${fragment}?`);
    }
  }
  return questions;
}

/** `tsx src/bench/generate-corpus.ts --articles 100 --out dir [--seed 1] [--from knowledge]`. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      articles: { type: 'string', default: '10' },
      seed: { type: 'string', default: '1' },
      out: { type: 'string' },
      from: { type: 'string', default: 'knowledge' },
    },
  });
  const count = Number(values.articles);
  const seed = Number(values.seed);
  if (!values.out || !Number.isInteger(count) || count < 1 || !Number.isInteger(seed)) {
    console.error('usage: generate-corpus --articles N --out DIR [--seed N] [--from KNOWLEDGE_DIR]');
    process.exitCode = 2;
    return;
  }
  const articles = generateCorpus(await loadKnowledge(values.from), { articles: count, seed });
  await writeCorpus(values.out, articles);
  console.log(`Wrote ${articles.length} articles to ${values.out}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
