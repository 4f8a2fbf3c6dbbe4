// What one token is, read on its own or with its neighbour: a role noun, a person noun, a word that looks like
// part of a name. Finding names (name-spans.ts) and reading roles (roles.ts) ask the same questions of a word,
// so they are answered once here, from compromise's tags and the word lists.
import { knowsWord } from '../language/wordnet.js';
import type { Token } from './paragraph-tokens.js';
import { tagger } from './tagger.js';
import { PERSON_NOUNS, ROLE_ING_MODIFIERS, ROLE_NOUNS, ROLE_PARTICIPLES, TITLES } from './word-lists.js';

/** An acronym: two to seven capitals, dots, "&" or "-" ("EU", "U.S.", "AT&T"), read as an organisation's name. */
export const ACRONYM = /^[A-Z][A-Z.&-]{1,6}$/u;

/** An initial inside a name: one capital letter ("E" of "Marc E. Elias"). */
export const INITIAL = /^\p{Lu}$/u;

/**
 * The first token of a party and state tag set off after a lawmaker's name (", D-Ore.,", "(R-Ky)", ", D-Port
 * Doe,"): a party's capital, a hyphen, the state or district; a label, never anyone's name.
 */
export const PARTY_TAG = /^[A-Z]-\p{Lu}[\p{L}.]*$/u;

/** A number that completes a designation written before a role ("Local 412", "Ward 7", "Unit 4B"). */
export const DESIGNATION_NUMBER = /^\d+[A-Za-z]?$/u;

/** An age, as in an apposition (", 71,"): up to three digits. */
export const AGE = /^\d{1,3}$/u;

/**
 * Where a short aside after a name that opens at token `k` ends: an age ("58") or a party and state tag
 * ("R-Ky.", "D-Lake Ford"), the tag with its full stops and the state's other words; `k` when none opens there.
 */
export function shortAsideEnd(tokens: readonly Token[], k: number): number {
  const t = tokens[k];
  if (!t || t.kind !== 'word') return k;
  if (AGE.test(t.text)) return k + 1;
  if (!PARTY_TAG.test(t.text)) return k;
  let end = k + 1;
  while (tokens[end]?.text === '.' || tokens[end]?.capitalised) end += 1;
  return end;
}

/** compromise's dictionary tags for a lower-case word or phrase, without context. Needs `loadTagger()`. */
export function lexiconTags(lower: string): string[] {
  const entry = tagger().lexicon[lower];
  if (entry === undefined) return [];
  return Array.isArray(entry) ? entry : [entry];
}

/** A word (lower case) no dictionary has, or has only as a name: neither compromise nor WordNet. */
export function unknownToDictionaries(lower: string): boolean {
  const tags = lexiconTags(lower);
  return tags.every((tag) => NAME_TAGS.has(tag)) && !knowsWord(lower);
}

export const hasAny = (tags: Iterable<string>, wanted: readonly string[]): boolean => {
  for (const tag of tags) if (wanted.includes(tag)) return true;
  return false;
};

export const FIRST_NAME_TAGS = ['FirstName', 'MaleName', 'FemaleName'];
/** Dictionary tags that say a word is a name rather than a common word. */
export const NAME_TAGS: ReadonlySet<string> = new Set([
  ...FIRST_NAME_TAGS,
  'LastName',
  'Person',
  'ProperNoun',
  'Country',
  'City',
  'Region',
  'Place',
  'Organization',
  'Honorific',
  'Acronym',
]);
export const PLACE_TAGS = ['Country', 'City', 'Region', 'Place', 'Continent', 'Address'];
const PROPER_TAGS = [
  'ProperNoun',
  'Person',
  'Place',
  'Organization',
  'Honorific',
  'FirstName',
  'LastName',
  'Acronym',
  'Country',
  'City',
  'Region',
];

/** True for a word that names a role ("spokesman", "director"). */
export function isRoleNoun(token: Token): boolean {
  return (
    token.kind === 'word' &&
    !token.capitalised &&
    (ROLE_NOUNS.has(token.lower) || (token.tags.has('Actor') && !token.tags.has('Plural')))
  );
}

/** A role noun, or a noun for someone's part in a story ("tenant", "referee"): what a person can be called. */
export function isPersonNoun(token: Token | undefined): boolean {
  if (!token || token.kind !== 'word' || token.capitalised) return false;
  if (PERSON_NOUNS.has(token.lower) || ROLE_NOUNS.has(token.lower)) return true;
  // The tagger calls "using" in "is using President X" an actor: an unlisted "-ing" word is an action.
  return isRoleNoun(token) && !/ing$/u.test(token.lower);
}

/** A word that qualifies a role though tagged as a verb: "managing director", "retired firefighter". */
export function qualifiesRole(token: Token): boolean {
  return (
    ROLE_ING_MODIFIERS.has(token.lower) ||
    ROLE_PARTICIPLES.has(token.lower) ||
    /-(?:appointed|elected|based|born)$/u.test(token.lower)
  );
}

/** A word in lower case without a closing full stop: "Sen." → "sen". */
export function stripDot(word: string): string {
  return word.replace(/\.$/u, '').toLowerCase();
}

/** A word the tagger or the dictionary has as a name, place, organisation or title. */
export function looksProper(token: Token): boolean {
  return (
    hasAny(token.tags, PROPER_TAGS) ||
    hasAny(lexiconTags(token.lower), [
      ...FIRST_NAME_TAGS,
      'LastName',
      ...PLACE_TAGS,
      'Organization',
      'Honorific',
    ]) ||
    TITLES.has(stripDot(token.text))
  );
}

/** Tags of words that are never part of a name, even capitalised at a sentence's start. */
export const NEVER_IN_NAME = [
  'Adverb',
  'Conjunction',
  'Preposition',
  'Determiner',
  'Pronoun',
  'Date',
  'Verb',
  'QuestionWord',
  'Value',
];

/** A sentence's first word is part of a name when another name word follows ("Harbour Board", "New York"). */
export function opensName(token: Token, next: Token | undefined): boolean {
  // compromise reads a capitalised first word before a name as an imperative ("Harbour Board …").
  const imperative = token.tags.has('Imperative') && !!next?.tags.has('ProperNoun');
  const blocked = imperative ? NEVER_IN_NAME.filter((t) => t !== 'Verb') : NEVER_IN_NAME;
  return (
    !hasAny(token.tags, blocked) &&
    !token.tags.has('Plural') &&
    next?.kind === 'word' &&
    next.capitalised &&
    !next.tags.has('Pronoun')
  );
}
