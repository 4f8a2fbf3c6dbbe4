import { stemmer } from 'stemmer';
import { eng as englishStopWords } from 'stopword';
import lemmatize from 'wink-lemmatizer';

// The stopword package's list misses some question and auxiliary words and honorifics, which
// carry no topic and would otherwise count as unmatched content in a question.
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
];
const STOP_WORDS = new Set([...englishStopWords, ...EXTRA_STOP_WORDS]);

// Letters and digits, keeping an inner apostrophe so "don't" stays one word until it is trimmed below.
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

/** Lowercase words of a text, possessives and contractions trimmed ("Korea’s" → "korea"). */
export function words(text: string): string[] {
  const found = text.normalize('NFKC').toLowerCase().match(WORD) ?? [];
  return found.map((w) => w.replace(/['’](s|t|re|ve|ll|d|m)$/u, ''));
}

/** True for words that carry no topic (articles, auxiliaries, question words, honorifics). */
export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

const stems = new Map<string, string>();

/**
 * The index form of a word: its dictionary form, then its Porter stem, so "met" meets "meet" (irregular
 * forms a stemmer cannot see) and "negotiating" meets "negotiation". Memoised: vocabularies are small.
 */
export function stem(word: string): string {
  let result = stems.get(word);
  if (result === undefined) {
    const verb = lemmatize.verb(word);
    result = stemmer(verb !== word ? verb : lemmatize.noun(word));
    stems.set(word, result);
  }
  return result;
}

/** Stemmed content terms of a text, in order, repeats kept. */
export function contentTerms(text: string): string[] {
  return words(text)
    .filter((w) => !isStopWord(w))
    .map(stem);
}
