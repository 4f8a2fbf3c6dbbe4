import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import nlp from 'compromise';
import { loadKnowledge } from '../knowledge/load-knowledge.js';
import type { Article } from '../knowledge/types.js';
import { corpusStats } from './corpus-stats.js';
import {
  isCommonWord,
  isKnownPlace,
  isProtected,
  nameGender,
  replacementVocabulary,
  WORD_CLASSES,
  zipfSampler,
  type ReplacementVocabulary,
  type WordClass,
} from './vocabulary.js';

/** One synthetic article: real paragraphs, recombined, with people, places and half its content words replaced. */
export interface GeneratedArticle {
  slug: string;
  fileName: string;
  title: string;
  date: string;
  paragraphs: string[];
  /** Slugs of the source articles it draws on: its main story first, then any it borrows background from. */
  from: string[];
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
  /** Place names, possibly several words ("Port Doe"). */
  places: string[];
}

/** Options for generateCorpus; the same options and sources always give the same corpus. */
export interface CorpusOptions {
  articles: number;
  seed: number;
  /** Words to draw replacements from; default: the embedding model's vocabulary (replacementVocabulary). */
  vocabulary?: ReplacementVocabulary;
}

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

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
        // Titles and months are not name words, though compromise counts "Chief" and "January" in names.
        if (!term.tags.includes('Honorific') && /^\p{Lu}/u.test(word) && !isProtected(word.toLowerCase()))
          seeds.add(word);
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

/** Source text cut into what a generated article keeps and the slots it fills its own way. */
type Piece =
  | string
  | { kind: 'person'; word: string; upper: boolean }
  | { kind: 'proper'; word: string; gender: 'female' | 'male' | undefined }
  | { kind: 'place'; place: string; upper: boolean }
  | { kind: 'weekday'; day: number }
  | { kind: 'year'; year: number }
  | { kind: 'word'; cls: WordClass; lower: string; capital: boolean };

interface SourceStory {
  slug: string;
  title: Piece[];
  paragraphs: Piece[][];
}

/** What cutting a text into pieces needs to know of the sources' names. */
interface NameSlots {
  personWords: ReadonlyMap<string, 'given' | 'family'>;
  /** An all-capitals name word ("ETSITTY" in a dateline) → the word as the sources write it. */
  upperPersons: ReadonlyMap<string, string>;
  /** A place as it may be written (as is, or in capitals) → the place as the sources write it. */
  places: ReadonlyMap<string, string>;
  /** Places (longest first), years and words, in one pass; a place may carry a demonym ending. */
  pattern: RegExp;
}

// Share of an article's distinct content words (nouns, verbs, adjectives, -ly adverbs) given a word of
// the same class from the embedding vocabulary. Half keeps each article recognisably news prose of its
// source's kind while most of its sentences differ from every other article's.
const REPLACED_SHARE = 0.5;
// Zipf–Mandelbrot draws by frequency rank in the embedding source. For content words these make the
// corpus's distinct words grow as a power of its total words (Heaps' law) with an exponent of about 0.65
// over 1,000 articles, near what English news gives over a corpus that size (0.4–0.6 is usual for large
// corpora; it runs higher over the first million words). Names are spread more evenly, as a news archive
// meets new people all the time.
const WORD_EXPONENT = 1.05;
const WORD_OFFSET = 10;
const NAME_EXPONENT = 0.8;
// Article length in paragraphs, log-normal as news article lengths are: median 11, most between 4 and 30.
const MEDIAN_PARAGRAPHS = 11;
const LENGTH_SIGMA = 0.6;
const MAX_PARAGRAPHS = 60;
// compromise tags that make a word part of a name, a number, or the grammar rather than the topic.
const KEEP_TAGS = [
  'ProperNoun',
  'Pronoun',
  'Person',
  'Place',
  'Organization',
  'Value',
  'Date',
  'Month',
  'WeekDay',
  'Auxiliary',
  'Modal',
  'Copula',
  'Negative',
  'Determiner',
  'Preposition',
  'Conjunction',
  'QuestionWord',
  'Acronym',
  'Abbreviation',
  'Honorific',
  'Unit',
  'Currency',
  'Demonym',
  'Expression',
  'PhrasalVerb',
  'Contraction',
  'Hyphenated',
];

/**
 * Builds `options.articles` news-like articles from `sources`. Each takes one source's paragraphs in order
 * (another's after them when it runs longer, as a background section), to a log-normal length; renames
 * every person and place consistently within the article (a full name and a later "Ms Surname" get the
 * same new surname; first names keep their gender); shifts weekdays and years; and gives half its content
 * words (each consistently) another word of the same part of speech drawn from the embedding model's own
 * vocabulary by a Zipf law. So the vocabulary grows with the corpus as real news does, paragraphs rarely
 * repeat, and quotes keep their speakers and speech verbs. Deterministic: the same sources, seed and
 * vocabulary give the same corpus, and a larger corpus starts with the articles of a smaller one.
 */
export function generateCorpus(sources: readonly Article[], options: CorpusOptions): GeneratedArticle[] {
  const { inventory, stories } = prepare(sources);
  const pools = drawPools(options.vocabulary ?? replacementVocabulary(), inventory);
  const random = seededRandom(options.seed);
  const width = String(options.articles).length;

  const articles: GeneratedArticle[] = [];
  for (let n = 1; n <= options.articles; n++) {
    const main = Math.floor(random() * stories.length);
    const { chosen, from } = chooseParagraphs(random, stories, main);
    const writer = new ArticleWriter(random, pools, inventory);
    const paragraphs = chosen.map((pieces) => writer.render(pieces));
    const title = writer.render(stories[main]!.title);
    const slug = `bench-${String(n).padStart(width, '0')}`;
    const body = paragraphs.join('\n');
    articles.push({
      slug,
      fileName: `${slug}.md`,
      title,
      date: `20${10 + Math.floor(random() * 15)}-${pad2(1 + Math.floor(random() * 12))}-${pad2(1 + Math.floor(random() * 28))}`,
      paragraphs,
      from: from.map((i) => stories[i]!.slug),
      people: inventory.fullNames
        .map((name) => writer.renamed(name))
        .filter((name): name is string => name !== undefined && body.includes(name)),
      renames: writer.renames(),
    });
  }
  return articles;
}

interface Prepared {
  inventory: NameInventory;
  stories: SourceStory[];
}

// Cutting the sources into pieces tags every paragraph with compromise (~2 s for 17 articles); corpora
// generated from the same sources (several sizes, several seeds) share it.
const prepared = new WeakMap<readonly Article[], Prepared>();

function prepare(sources: readonly Article[]): Prepared {
  let found = prepared.get(sources);
  if (found) return found;
  const texts = sources.flatMap((a) => a.paragraphs.map((p) => p.text));
  if (texts.length === 0) throw new Error('The source articles have no paragraphs to recombine');
  const inventory = findNames(texts);
  const slots = nameSlots(inventory);
  const stories = sources
    .filter((a) => a.paragraphs.length > 0)
    .map((a) => ({
      slug: a.slug,
      title: toPieces(a.title, slots),
      paragraphs: a.paragraphs.map((p) => toPieces(p.text, slots)),
    }));
  found = { inventory, stories };
  prepared.set(sources, found);
  return found;
}

const pad2 = (n: number) => String(n).padStart(2, '0');
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const capitalise = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
const isAllCapitals = (word: string) =>
  word.length > 1 && word === word.toUpperCase() && word !== word.toLowerCase();

function nameSlots(inventory: NameInventory): NameSlots {
  const places = new Map<string, string>();
  // A place is replaced whole when it is one word or a place compromise knows ("New Zealand"); in the
  // others ("Acme Park Primary", "Marion County") the name words are renamed one by one and the
  // common words stay, as they would in a real name.
  const whole = inventory.places.filter(
    (p) => /^\p{Lu}\p{Ll}{3,}$/u.test(p) || (p.includes(' ') && isKnownPlace(p.toLowerCase())),
  );
  for (const place of whole) {
    places.set(place, place);
    places.set(place.toUpperCase(), place);
  }
  const upperPersons = new Map([...inventory.personWords.keys()].map((w) => [w.toUpperCase(), w]));
  const alternatives = [...places.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
  const place = alternatives.length > 0 ? `(?<!\\p{L})(${alternatives.join('|')})(ns?)?(?!\\p{L})|` : '()()';
  const pattern = new RegExp(`${place}(?<![\\d.,])((?:19|20)\\d{2})(?![\\ds])|\\p{L}+(?:['’]\\p{L}+)*`, 'gu');
  return { personWords: inventory.personWords, upperPersons, places, pattern };
}

/** compromise's tags of each word of `text`, by the word's start offset. */
function tagsByOffset(text: string): Map<number, ReadonlySet<string>> {
  const byStart = new Map<number, ReadonlySet<string>>();
  const sentences = nlp(text).json({ offset: true, terms: { offset: true } }) as {
    terms: { tags: string[]; offset: { start: number } }[];
  }[];
  for (const sentence of sentences)
    for (const term of sentence.terms) byStart.set(term.offset.start, new Set(term.tags));
  return byStart;
}

/** Cuts a source text into kept text and slots: people, places, weekdays, years and content words. */
function toPieces(text: string, slots: NameSlots): Piece[] {
  const tags = tagsByOffset(text);
  const pieces: Piece[] = [];
  let literal = '';
  let last = 0;
  const push = (piece: Piece) => {
    if (literal) pieces.push(literal);
    literal = '';
    pieces.push(piece);
  };
  for (const match of text.matchAll(slots.pattern)) {
    const [whole, place, demonym, year] = match;
    literal += text.slice(last, match.index);
    last = match.index + whole.length;
    if (place) {
      const canonical = slots.places.get(place)!;
      push({ kind: 'place', place: canonical, upper: isAllCapitals(place) });
      literal += demonym ?? '';
      continue;
    }
    if (year) {
      push({ kind: 'year', year: Number(year) });
      continue;
    }
    const possessive = /[’']s$/u.test(whole) && whole.length > 3;
    const base = possessive ? whole.slice(0, -2) : whole;
    const piece = wordPiece(base, tags.get(match.index), slots);
    if (!piece) {
      literal += whole;
      continue;
    }
    push(piece);
    if (possessive) literal += whole.slice(-2);
  }
  literal += text.slice(last);
  if (literal) pieces.push(literal);
  return pieces;
}

function wordPiece(base: string, tags: ReadonlySet<string> | undefined, slots: NameSlots): Piece | undefined {
  const day = WEEKDAYS.indexOf(base);
  if (day !== -1) return { kind: 'weekday', day };
  if (slots.personWords.has(base)) return { kind: 'person', word: base, upper: false };
  const upperPerson = isAllCapitals(base) ? slots.upperPersons.get(base) : undefined;
  if (upperPerson) return { kind: 'person', word: upperPerson, upper: true };
  if (!tags || /['’]/u.test(base) || isAllCapitals(base)) return undefined;
  const lower = base.toLowerCase();
  // Any other name (a person the sources' name finder missed, a firm, a team, a street) is renamed too:
  // a capitalised word no dictionary knows as a common word.
  if (base !== lower && !isProtected(lower) && (tags.has('Person') || !isCommonWord(lower)))
    return { kind: 'proper', word: base, gender: nameGender(lower) };
  const cls = sourceClass(tags, lower);
  return cls && { kind: 'word', cls, lower, capital: base !== lower };
}

/** The class of a content word in its sentence, from compromise's tags; undefined keeps the word. */
function sourceClass(tags: ReadonlySet<string>, lower: string): WordClass | undefined {
  if (isProtected(lower) || KEEP_TAGS.some((t) => tags.has(t))) return undefined;
  if (tags.has('Noun')) return tags.has('Plural') ? 'NNS' : 'NN';
  if (tags.has('Verb')) {
    if (tags.has('Gerund')) return 'VBG';
    if (tags.has('PastTense') || tags.has('Participle')) return 'VBD';
    if (tags.has('PresentTense') && lower.endsWith('s')) return 'VBZ';
    if (tags.has('Infinitive') || tags.has('PresentTense')) return 'VB';
    return undefined;
  }
  if (tags.has('Adjective')) return tags.has('Comparative') || tags.has('Superlative') ? undefined : 'JJ';
  if (tags.has('Adverb') && lower.endsWith('ly')) return 'RB';
  return undefined;
}

/** A word list with its Zipf sampler. */
interface Pool {
  items: readonly string[];
  draw: (random: () => number) => number;
}

interface Pools {
  words: Record<WordClass, Pool>;
  female: Pool;
  male: Pool;
  surnames: Pool;
  places: Pool;
}

/** The vocabulary's lists as samplers, without the sources' own names (so no source person comes back). */
function drawPools(vocabulary: ReplacementVocabulary, inventory: NameInventory): Pools {
  const sourceNames = new Set(
    [...inventory.personWords.keys(), ...inventory.places.flatMap((p) => p.split(' '))].map((w) =>
      w.toLowerCase(),
    ),
  );
  const pool = (items: readonly string[], exponent: number, offset = 0): Pool => {
    const kept = items.filter((w) => !sourceNames.has(w.toLowerCase()));
    if (kept.length === 0) throw new Error('The replacement vocabulary has an empty list');
    return { items: kept, draw: zipfSampler(kept.length, exponent, offset) };
  };
  return {
    words: Object.fromEntries(
      WORD_CLASSES.map((c) => [c, pool(vocabulary.words[c], WORD_EXPONENT, WORD_OFFSET)]),
    ) as Record<WordClass, Pool>,
    female: pool(vocabulary.femaleNames, NAME_EXPONENT),
    male: pool(vocabulary.maleNames, NAME_EXPONENT),
    surnames: pool(vocabulary.surnames, NAME_EXPONENT),
    places: pool(vocabulary.places, NAME_EXPONENT),
  };
}

/** A standard normal deviate (Box–Muller) from the seeded generator. */
function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/**
 * The paragraphs of one article: the main story's in order from its lede, then, for a longer article, those
 * after the lede of other stories, as news adds background.
 */
function chooseParagraphs(
  random: () => number,
  stories: readonly SourceStory[],
  main: number,
): { chosen: Piece[][]; from: number[] } {
  const length = Math.min(
    MAX_PARAGRAPHS,
    Math.max(1, Math.round(MEDIAN_PARAGRAPHS * Math.exp(LENGTH_SIGMA * normal(random)))),
  );
  const chosen = stories[main]!.paragraphs.slice(0, length);
  const from = [main];
  while (chosen.length < length && from.length < stories.length) {
    let next = Math.floor(random() * stories.length);
    while (from.includes(next)) next = (next + 1) % stories.length;
    from.push(next);
    chosen.push(...stories[next]!.paragraphs.slice(1, 1 + length - chosen.length));
  }
  return { chosen, from };
}

/** Fills one article's slots, each name and word the same way wherever it comes back in the article. */
class ArticleWriter {
  readonly #names = new Map<string, string>();
  readonly #places = new Map<string, string>();
  readonly #words = new Map<string, string>();
  readonly #used = new Set<string>();
  readonly #dayShift: number;
  readonly #yearShift: number;

  constructor(
    private readonly random: () => number,
    private readonly pools: Pools,
    private readonly inventory: NameInventory,
  ) {
    this.#dayShift = Math.floor(random() * 7);
    this.#yearShift = Math.floor(random() * 17) - 8;
  }

  render(pieces: readonly Piece[]): string {
    let out = '';
    for (const piece of pieces) {
      if (typeof piece === 'string') out += piece;
      else if (piece.kind === 'person') {
        const name = this.#person(piece.word);
        out += piece.upper ? name.toUpperCase() : name;
      } else if (piece.kind === 'proper') out += this.#proper(piece.word, piece.gender);
      else if (piece.kind === 'place') {
        const place = this.#place(piece.place);
        out += piece.upper ? place.toUpperCase() : place;
      } else if (piece.kind === 'weekday') out += WEEKDAYS[(piece.day + this.#dayShift) % 7];
      else if (piece.kind === 'year') out += String(piece.year + this.#yearShift);
      else {
        const word = this.#word(piece.cls, piece.lower);
        if (word !== piece.lower) out = fixArticle(out, word);
        out += piece.capital ? capitalise(word) : word;
      }
    }
    return out;
  }

  /** A source full name as this article renames it, if the article names all its words. */
  renamed(fullName: string): string | undefined {
    const words = fullName.split(' ').map((w) => this.#names.get(w));
    return words.every((w) => w !== undefined) ? words.join(' ') : undefined;
  }

  /** Source name or word → this article's, for everything the article renamed or replaced. */
  renames(): Record<string, string> {
    const renames: Record<string, string> = {};
    for (const [key, word] of this.#words)
      if (key.slice(key.indexOf(':') + 1) !== word) renames[key.slice(key.indexOf(':') + 1)] = word;
    for (const [from, to] of [...this.#names, ...this.#places]) renames[from] = to;
    WEEKDAYS.forEach((day, i) => (renames[day] = WEEKDAYS[(i + this.#dayShift) % 7]!));
    renames['#year'] = String(this.#yearShift);
    return renames;
  }

  #fresh(pool: Pool): string {
    // Distinct within an article, or two people would merge; across articles, shared names are realistic.
    for (let attempt = 0; attempt < 100; attempt++) {
      const name = pool.items[pool.draw(this.random)]!;
      if (!this.#used.has(name)) {
        this.#used.add(name);
        return name;
      }
    }
    throw new Error('The replacement vocabulary has too few names for one article');
  }

  #person(word: string): string {
    let name = this.#names.get(word);
    if (name === undefined) {
      const gender = this.inventory.genders.get(word) ?? (this.random() < 0.5 ? 'female' : 'male');
      const role = this.inventory.personWords.get(word);
      name = this.#fresh(role === 'given' ? this.pools[gender] : this.pools.surnames);
      this.#names.set(word, name);
    }
    return name;
  }

  #proper(word: string, gender: 'female' | 'male' | undefined): string {
    let name = this.#names.get(word);
    if (name === undefined) {
      name = this.#fresh(gender ? this.pools[gender] : this.pools.surnames);
      this.#names.set(word, name);
    }
    return name;
  }

  #place(place: string): string {
    let name = this.#places.get(place);
    if (name === undefined) {
      name = this.#fresh(this.pools.places);
      this.#places.set(place, name);
    }
    return name;
  }

  #word(cls: WordClass, lower: string): string {
    const key = `${cls}:${lower}`;
    let word = this.#words.get(key);
    if (word === undefined) {
      const pool = this.pools.words[cls];
      word = this.random() < REPLACED_SHARE ? pool.items[pool.draw(this.random)]! : lower;
      this.#words.set(key, word);
    }
    return word;
  }
}

/** "a" or "an" before a replaced word, as its first sound needs ("an hour" and the like aside). */
function fixArticle(before: string, next: string): string {
  const vowel = /^[aeiou]/i.test(next) && !/^(?:u[bcdfgklmnprstvz][aeiouy]|eu|ewe|one|once)/i.test(next);
  return before.replace(/(?<!\p{L})([Aa])n?(\s+)$/u, (_, a: string, space: string) =>
    vowel ? `${a}n${space}` : `${a}${space}`,
  );
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

/**
 * `tsx src/bench/generate-corpus.ts --articles 100 --out dir [--seed 1] [--from DIR,DIR]`: the sources
 * default to the bench's (the knowledge folder and the question bank's articles).
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      articles: { type: 'string', default: '10' },
      seed: { type: 'string', default: '1' },
      out: { type: 'string' },
      from: { type: 'string', default: 'knowledge,test/fixtures/question-bank/articles' },
    },
  });
  const count = Number(values.articles);
  const seed = Number(values.seed);
  if (!values.out || !Number.isInteger(count) || count < 1 || !Number.isInteger(seed)) {
    console.error('usage: generate-corpus --articles N --out DIR [--seed N] [--from KNOWLEDGE_DIR,…]');
    process.exitCode = 2;
    return;
  }
  const sources = [];
  for (const dir of values.from.split(',').filter(Boolean)) sources.push(...(await loadKnowledge(dir)));
  const articles = generateCorpus(sources, { articles: count, seed });
  await writeCorpus(values.out, articles);
  const stats = corpusStats(articles.map((a) => a.paragraphs));
  console.log(
    `Wrote ${articles.length} articles to ${values.out}: ${stats.distinctWords} distinct words of ${stats.totalWords}, ` +
      `${stats.distinctParagraphs} distinct paragraphs of ${stats.paragraphs}`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
