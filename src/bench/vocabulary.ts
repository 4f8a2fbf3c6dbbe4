import { createRequire } from 'node:module';
import nlp from 'compromise';
import { eng as englishStopWords } from 'stopword';
import * as quoteWords from '../quotes/word-lists.js';
import { readEmbeddingWords } from '../embedding/glove-words.js';

const require = createRequire(import.meta.url);

/**
 * Word classes a generated article may swap a word for another of: Penn-style part-of-speech tags, with
 * the forms a reader cannot tell apart merged (VB covers VBP; VBD covers VBN, as "-ed" forms are both).
 */
export const WORD_CLASSES = ['NN', 'NNS', 'VB', 'VBD', 'VBG', 'VBZ', 'JJ', 'RB'] as const;
export type WordClass = (typeof WORD_CLASSES)[number];

/** Words to draw replacements from, each list most frequent first (the embedding source's order). */
export interface ReplacementVocabulary {
  /** Common words by class: what a content word of that class may become. */
  words: Record<WordClass, readonly string[]>;
  /** Capitalised given names compromise knows as female or male (so the engine still sees a person). */
  femaleNames: readonly string[];
  maleNames: readonly string[];
  /** Capitalised surnames: compromise's, then words of the embedding vocabulary no dictionary knows. */
  surnames: readonly string[];
  /** Capitalised place names ending in "a", so a demonym follows by adding "n" ("Serbia" → "Serbian"). */
  places: readonly string[];
}

/** The default model keeps the 100,000 most frequent words of its source (glove-model.ts). */
const MODEL_VOCABULARY = 100_000;

// Words the quote reader and the engine hang on (speech verbs, titles, roles, time words) and function
// words stay as they are: swapping them would change what the corpus exercises, not just its vocabulary.
const PROTECTED = new Set<string>([
  ...englishStopWords,
  ...quoteWords.TITLES.keys(),
  ...quoteWords.TITLE_MODIFIERS,
  ...quoteWords.ORG_SUFFIXES,
  ...quoteWords.ROLE_NOUNS,
  ...quoteWords.INVERTIBLE,
  ...quoteWords.NOT_INVERTIBLE,
  ...quoteWords.PARTICIPLES,
  ...quoteWords.SURE_VERBS,
  ...quoteWords.SPEECH_NOUNS,
  ...quoteWords.SPOKES,
  ...quoteWords.BE_FORMS,
  ...quoteWords.SKIPPABLE,
  ...quoteWords.LEAD_SKIP,
  ...quoteWords.ADVERBIAL_OPENERS,
  ...quoteWords.CLAUSE_CONJUNCTIONS,
  ...quoteWords.GENERIC_MODIFIERS,
  ...quoteWords.ASIDE_OPENERS,
  ...quoteWords.CORPORATE_HEADS,
  // Function words the stop-word list lacks.
  ...'its itself whose say tell speak spoke spoken according do does did done doing get got make made go went gone'.split(
    ' ',
  ),
]);

/** Whether a word (lower case) must never be swapped, nor be a replacement. */
export function isProtected(lower: string): boolean {
  return PROTECTED.has(lower) || lower.length < 3;
}

const PENN_CLASS: Record<string, WordClass> = {
  NN: 'NN',
  NNS: 'NNS',
  VB: 'VB',
  VBP: 'VB',
  VBD: 'VBD',
  VBN: 'VBD',
  VBG: 'VBG',
  VBZ: 'VBZ',
  JJ: 'JJ',
  RB: 'RB',
};

// compromise's dictionary tags that make a word a name, a place or an organisation, never a common word.
const NAME_TAGS = new Set([
  'FirstName',
  'MaleName',
  'FemaleName',
  'LastName',
  'Person',
  'Place',
  'City',
  'Country',
  'Region',
  'ProperNoun',
  'Organization',
  'SportsTeam',
  'Demonym',
  'Acronym',
  'Abbreviation',
  'Honorific',
]);

interface Dictionaries {
  /** wink-lexicon: word → Penn tags, most likely first (13,000 common words with their inflections). */
  penn: Record<string, string[] | undefined>;
  /** WordNet lemma → its lexicographer files (0–2 adjective/adverb, 3–28 noun, 29–43 verb, 44 adjective). */
  wordnet: (word: string) => readonly number[] | undefined;
  nounExceptions: Record<string, string | undefined>;
  verbExceptions: Record<string, string | undefined>;
  compromise: Readonly<Record<string, string | string[]>>;
}

let dictionaries: Dictionaries | undefined;

/** wink-lexicon's and compromise's dictionaries, loaded once per process (about 0.8 s). */
function loadDictionaries(): Dictionaries {
  dictionaries ??= readDictionaries();
  return dictionaries;
}

function readDictionaries(): Dictionaries {
  const wnWords = require('wink-lexicon/src/wn-words.js') as Record<string, number | undefined>;
  const wnSenses = require('wink-lexicon/src/wn-word-senses.js') as (readonly number[])[];
  const model = (nlp as unknown as { model(): { one: { lexicon: Dictionaries['compromise'] } } }).model();
  return {
    penn: require('wink-lexicon/src/lexicon.js') as Dictionaries['penn'],
    wordnet: (word) => {
      const index = wnWords[word];
      return index === undefined ? undefined : wnSenses[index];
    },
    nounExceptions: require('wink-lexicon/src/wn-noun-exceptions.js') as Dictionaries['nounExceptions'],
    verbExceptions: require('wink-lexicon/src/wn-verb-exceptions.js') as Dictionaries['verbExceptions'],
    compromise: model.one.lexicon,
  };
}

type WordNetPos = 'noun' | 'verb' | 'adjective' | 'adverb';

/** The one part of speech WordNet gives a lemma, or undefined when it gives none or several. */
function onlyPos(senses: readonly number[] | undefined): WordNetPos | undefined {
  if (!senses || senses.length === 0) return undefined;
  const kinds = new Set(
    senses.map((s): WordNetPos =>
      s === 2 ? 'adverb' : s <= 1 || s === 44 ? 'adjective' : s <= 28 ? 'noun' : 'verb',
    ),
  );
  return kinds.size === 1 ? [...kinds][0] : undefined;
}

/**
 * The class of a common word of the embedding vocabulary, or undefined for names, function words and
 * words whose class is unclear. wink-lexicon knows common words with their inflections and their likeliest
 * tag first; rarer words are WordNet lemmas of one part of speech, or a regular inflection of one.
 */
export function classify(word: string, dict: Dictionaries): WordClass | undefined {
  if (!/^[a-z]+$/.test(word) || isProtected(word)) return undefined;
  if (tagsOf(dict.compromise[word]).some((t) => NAME_TAGS.has(t))) return undefined;
  const penn = dict.penn[word];
  if (penn) {
    const cls = PENN_CLASS[penn[0] ?? ''];
    // Adverbs only in -ly: "still", "there", "ago" and the like steer a sentence, not its topic.
    return cls === 'RB' && !word.endsWith('ly') ? undefined : cls;
  }
  const pos = onlyPos(dict.wordnet(word));
  if (pos === 'noun') return 'NN';
  if (pos === 'verb') return 'VB';
  if (pos === 'adjective') return 'JJ';
  if (pos === 'adverb') return word.endsWith('ly') ? 'RB' : undefined;
  if (pos !== undefined || dict.wordnet(word)) return undefined;
  const irregularNoun = dict.nounExceptions[word];
  if (irregularNoun && onlyPos(dict.wordnet(irregularNoun)) === 'noun') return 'NNS';
  const irregularVerb = dict.verbExceptions[word];
  if (irregularVerb) return onlyPos(dict.wordnet(irregularVerb)) === 'verb' ? 'VBD' : undefined;
  const lemmaPos = (...bases: string[]) => {
    for (const base of bases) {
      const found = onlyPos(dict.wordnet(base));
      if (found) return found;
    }
    return undefined;
  };
  const doubled = (stem: string) => (/(\w)\1$/.test(stem) ? stem.slice(0, -1) : stem);
  if (word.endsWith('ing')) {
    const stem = word.slice(0, -3);
    return lemmaPos(stem, stem + 'e', doubled(stem)) === 'verb' ? 'VBG' : undefined;
  }
  if (word.endsWith('ed')) {
    const stem = word.slice(0, -2);
    const bases = word.endsWith('ied') ? [stem.slice(0, -1) + 'y'] : [stem, stem + 'e', doubled(stem)];
    return lemmaPos(...bases) === 'verb' ? 'VBD' : undefined;
  }
  if (word.endsWith('s') && !word.endsWith('ss')) {
    const bases = word.endsWith('ies')
      ? [word.slice(0, -3) + 'y']
      : word.endsWith('es')
        ? [word.slice(0, -1), word.slice(0, -2)]
        : [word.slice(0, -1)];
    const found = lemmaPos(...bases);
    return found === 'noun' ? 'NNS' : found === 'verb' ? 'VBZ' : undefined;
  }
  return undefined;
}

const tagsOf = (entry: string | string[] | undefined) =>
  Array.isArray(entry) ? entry : entry === undefined ? [] : [entry];
const PLACE_TAGS = new Set(['Country', 'City', 'Region', 'Place']);
const PERSON_TAGS = new Set(['FirstName', 'MaleName', 'FemaleName', 'LastName', 'Person']);

/**
 * Whether a word (lower case) is an English word some dictionary knows other than as a person's name:
 * a capitalised word that is not one is a name (of a person, a firm, a place) to be renamed.
 */
export function isCommonWord(lower: string): boolean {
  const dict = loadDictionaries();
  if (dict.penn[lower] || dict.wordnet(lower)) return true;
  const tags = tagsOf(dict.compromise[lower]);
  return tags.length > 0 && !tags.some((t) => PERSON_TAGS.has(t));
}

/** The gender compromise's dictionary gives a first name (lower case), if any. */
export function nameGender(lower: string): 'female' | 'male' | undefined {
  const tags = tagsOf(loadDictionaries().compromise[lower]);
  return tags.includes('FemaleName') ? 'female' : tags.includes('MaleName') ? 'male' : undefined;
}

/** Whether compromise's dictionary knows a phrase (lower case) as a country, city or region. */
export function isKnownPlace(lower: string): boolean {
  return tagsOf(loadDictionaries().compromise[lower]).some((t) => PLACE_TAGS.has(t));
}

const capitalise = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

let cached: ReplacementVocabulary | undefined;

/**
 * The replacement vocabulary drawn from the default embedding model's own words (the 100,000 most
 * frequent of its source), so every word a generated article gains is one the model has a vector for.
 * Built once per process (about a second).
 */
export function replacementVocabulary(): ReplacementVocabulary {
  cached ??= buildReplacementVocabulary(readEmbeddingWords({ limit: MODEL_VOCABULARY }));
  return cached;
}

/** Sorts `vocabulary` (most frequent first) into the pools of a ReplacementVocabulary. */
export function buildReplacementVocabulary(vocabulary: readonly string[]): ReplacementVocabulary {
  const dict = loadDictionaries();
  const words = Object.fromEntries(WORD_CLASSES.map((c) => [c, [] as string[]])) as Record<
    WordClass,
    string[]
  >;
  const femaleNames: string[] = [];
  const maleNames: string[] = [];
  const surnames: string[] = [];
  const unknown: string[] = [];
  const places: string[] = [];
  const seen = new Set<string>();
  for (const word of vocabulary) {
    if (!/^[a-z]+$/.test(word) || seen.has(word)) continue;
    seen.add(word);
    const cls = classify(word, dict);
    // Only regular past forms: "-ed" reads as a past tense and a participle alike; "grew" does not. And
    // no "-ed" adjectives ("disguised"): a reader, and compromise, take them for verbs.
    const ed = word.endsWith('ed');
    if (cls && (cls === 'VBD' ? ed : cls !== 'JJ' || !ed)) {
      words[cls].push(word);
      continue;
    }
    const known = dict.compromise[word];
    const tags = tagsOf(known);
    const name = capitalise(word);
    if (tags.includes('FemaleName')) femaleNames.push(name);
    else if (tags.includes('MaleName')) maleNames.push(name);
    else if (tags.includes('LastName')) surnames.push(name);
    else if (tags.some((t) => PLACE_TAGS.has(t))) {
      if (/[^i]a$/.test(word) || word.endsWith('ia')) places.push(name);
    } else if (
      known === undefined &&
      word.length >= 4 &&
      word.length <= 12 &&
      /[aeiouy]/.test(word) &&
      !/[^aeiouy]{4}/.test(word) &&
      !dict.penn[word] &&
      !dict.wordnet(word) &&
      !isProtected(word) &&
      // Inflected forms of words the dictionaries know ("quakes", "ruptured") are not names.
      !/(?:s|ed|ing|able|ly|ness|ment|tion)$/.test(word)
    ) {
      // A word no dictionary knows is mostly a name: of a person, a place, a firm. Used as surnames.
      unknown.push(name);
    }
  }
  surnames.push(...unknown);
  return { words, femaleNames, maleNames, surnames, places };
}

/**
 * Draws indices 0…n-1 with probability falling as a power of rank, 1/(r + 1 + offset)^exponent (the
 * Zipf–Mandelbrot law of word frequencies in running text; the offset flattens the head, so the most
 * frequent word is not one draw in ten). A cumulative table and binary search: O(log n) per draw.
 */
export function zipfSampler(n: number, exponent: number, offset = 0): (random: () => number) => number {
  if (n < 1) throw new RangeError('zipfSampler needs at least one item');
  const cumulative = new Float64Array(n);
  let total = 0;
  for (let r = 0; r < n; r++) {
    total += 1 / (r + 1 + offset) ** exponent;
    cumulative[r] = total;
  }
  return (random) => {
    const target = random() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
}
