import { createRequire } from 'node:module';
import { stemmer } from 'stemmer';
import { eng as englishStopWords } from 'stopword';

// WordNet's lists of irregular forms ("met" → "meet", "children" → "child"), which no suffix-stripping
// stemmer can see. Only these two files are loaded, not a whole lemmatizer: wink-lemmatizer would also
// load WordNet's word list to check regular forms, 55 MB and 0.4 s at every start, for what the Porter
// stemmer below already does for all but a handful of words ("added" stems to "ad", "add" to "add").
const require = createRequire(import.meta.url);
const IRREGULAR_VERBS = require('wink-lexicon/src/wn-verb-exceptions.js') as Record<string, string>;
const IRREGULAR_NOUNS = require('wink-lexicon/src/wn-noun-exceptions.js') as Record<string, string>;

// The stopword package's list misses some question and auxiliary words, honorifics and chat spellings,
// which carry no topic and would otherwise count as unmatched content in a question. It has "said" but not
// "say": a question's "what did X say" would then match only the rare "says" of news text.
const EXTRA_STOP_WORDS = [
  'does',
  'do',
  'why',
  'when',
  'will',
  'shall',
  'mr',
  'mrs',
  'ms',
  'dr',
  'whom',
  'whose',
  's',
  't',
  'say',
  'says',
  'saying',
  // Chat spellings: contractions typed without their apostrophe, and fillers.
  'whats',
  'hows',
  'whos',
  'wheres',
  'thats',
  'theres',
  'im',
  'ive',
  'youre',
  'dont',
  'doesnt',
  'didnt',
  'isnt',
  'wasnt',
  'cant',
  'wont',
  'gonna',
  'wanna',
  'gotta',
  'lol',
  'rn',
  'pls',
  'plz',
  'thx',
  'u',
  'ur',
];
const STOP_WORDS = new Set([...englishStopWords, ...EXTRA_STOP_WORDS]);

// Letters and digits, keeping an inner apostrophe so "don't" stays one word until it is trimmed below.
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

/**
 * Lowercase words of a text, accents folded and possessives and contractions trimmed ("Korea’s" →
 * "korea", "Temür" → "temur"): people type names without the accents the article prints.
 */
export function words(text: string): string[] {
  return casedWords(text).map((w) => w.toLowerCase());
}

/** The words of a text as `words` finds them, with their case as written. */
export function casedWords(text: string): string[] {
  // Plain ASCII has no accents to fold: skipping the normalisation there cuts the cost of a start-up’s
  // many short texts (names, roles) by a third.
  const folded = ASCII.test(text)
    ? text
    : text
        .normalize('NFKD')
        .replace(/\p{M}+/gu, '')
        .normalize('NFKC');
  return (folded.match(WORD) ?? []).map((w) => (APOSTROPHE.test(w) ? trimContraction(w) : w));
}
// Printable ASCII and white space: nothing to fold.
const ASCII = /^[ -~\s]*$/;
const APOSTROPHE = /['’]/;
const CONTRACTION = /['’](s|t|re|ve|ll|d|m)$/iu;
// "didn't" is "did" and a negation: trimming only "'t" left "didn", a content word no article matches,
// which counted against answering "why didn't …" questions.
const NEGATION = /n['’]t$/iu;
// Where the part before "n't" is not the verb: "won't", "can't", "shan't".
const NEGATED_VERBS: Readonly<Record<string, string>> = { wo: 'will', ca: 'can', sha: 'shall' };

function trimContraction(word: string): string {
  if (!NEGATION.test(word)) return word.replace(CONTRACTION, '');
  const verb = word.replace(NEGATION, '');
  return NEGATED_VERBS[verb.toLowerCase()] ?? verb;
}

/** True for words that carry no topic (articles, auxiliaries, question words, honorifics). */
export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

const stems = new Map<string, string>();

/**
 * The index form of a word: the base form of an irregular one, then the Porter stem, so "met" meets "meet"
 * and "negotiating" meets "negotiation". Memoised: vocabularies are small.
 */
export function stem(word: string): string {
  let result = stems.get(word);
  if (result === undefined) {
    const base = Object.hasOwn(IRREGULAR_VERBS, word)
      ? IRREGULAR_VERBS[word]!
      : Object.hasOwn(IRREGULAR_NOUNS, word)
        ? IRREGULAR_NOUNS[word]!
        : word;
    result = stemmer(base);
    stems.set(word, result);
  }
  return result;
}

/** The index form of a word: its stem, or null for a stop word, which is never indexed. */
export function indexTerm(word: string): string | null {
  return isStopWord(word) ? null : stem(word);
}

/** Stemmed content terms of a text, in order, repeats kept. */
export function contentTerms(text: string): string[] {
  return words(text).flatMap((w) => indexTerm(w) ?? []);
}
