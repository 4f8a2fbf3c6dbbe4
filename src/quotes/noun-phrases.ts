// Reading one noun phrase forwards, as the subject or speaker of a speech cue: a name, a pronoun, a
// description ("the minister"), a role with its organisation ("a spokesman for Foo"), or a name in apposition
// ("the former prime minister, Tony Blair"). Pronouns and descriptions are resolved against the discourse so
// far; the phrase's end tells the caller where the verb or the next cue may be.
import type { Discourse } from './discourse.js';
import { roleInCapitals, type NameSpan } from './name-spans.js';
import type { Token } from './paragraph-tokens.js';
import { isPunct, isWord, type ReadingWindow } from './reading-window.js';
import { ACRONYM, DESIGNATION_NUMBER, isPersonNoun, isRoleNoun, qualifiesRole } from './token-classes.js';
import {
  DEFINITE,
  DETERMINERS,
  GENDERED_NOUNS,
  INDEFINITE,
  POSSESSIVE_PRONOUNS,
  ROLE_ING_MODIFIERS,
  PREPOSITIONS,
  PRONOUNS,
  REACTION_VERBS,
  ROLE_NOUNS,
  SKIPPABLE,
  SPEECH_NOUNS,
  SPOKES,
  SPOUSES,
  VENUE_NOUNS,
} from './word-lists.js';

/** A noun phrase read from the text, and who it names if anyone. */
export interface NounPhrase {
  speaker: string | null;
  end: number;
  span: NameSpan | null;
  /** Spans of a coordinated subject ("Smith and Jones"): both salient, neither the speaker. */
  coordinated: NameSpan[];
  /** Someone the text does not name ("a spokesman", an unfamiliar word): no later "he" can skip past them. */
  opaque: boolean;
  /** The name was read in apposition after a description ("the head teacher, Jane Roe"): a comma closes it. */
  apposed?: boolean;
}

/** An ordinal in figures ("1st", "22nd"). */
const ORDINAL = /^\d+(?:st|nd|rd|th)$/u;
/** "19-year-old": an age written as a modifier. */
const AGED = /^\d{1,3}-years?-old$/u;

/** Names and modifier words a phrase is read through before its head ("the EU trade commissioner"). */
const MAX_PHRASE_PARTS = 8;

/** A one-word name in capitals that is a role ("MP", "CEO"), not anyone's name. */
export function isRoleAcronym(span: NameSpan): boolean {
  const [word, ...rest] = span.words;
  return (
    !!word &&
    rest.length === 0 &&
    span.title.length === 0 &&
    ACRONYM.test(word) &&
    ROLE_NOUNS.has(word.toLowerCase())
  );
}

/** A noun phrase read forwards from `i`: a name, a pronoun, "the minister", "a spokesman for Foo". */
export function readNounPhrase(w: ReadingWindow, d: Discourse, i: number): NounPhrase | null {
  const none: NounPhrase = { speaker: null, end: i, span: null, coordinated: [], opaque: false };
  const first = w.t(i);
  if (!first || first.kind !== 'word') return null;
  if (PRONOUNS.has(first.lower)) return { ...none, speaker: d.resolvePronoun(first.lower, i), end: i };
  let k = i;
  const determiner = DETERMINERS.has(first.lower) ? first.lower : null;
  // "his campaign manager Jane Roe": read only for the name it ends in, as the pronoun says nothing alone.
  const pronounOwner = POSSESSIVE_PRONOUNS.has(first.lower);
  if (determiner || pronounOwner) k += 1;
  let lastSpan: NameSpan | null = null;
  // The name right before the head noun, if any ("the Acme bakery").
  let business: NameSpan | null = null;
  let head: Token | null = null;
  let possessor = false;
  const modifiers: string[] = [];
  // Whether a word of the phrase names a person's part ("a pensioner", even when the tagger reads the word
  // after it, "waiting", as the phrase's head noun).
  let personWord = false;
  for (let n = 0; n < MAX_PHRASE_PARTS; n++) {
    const span = w.startingAt(k);
    const t = w.t(k);
    // "Local 412 president Jane Roe", "Unit 7 manager Jane Roe": a name with a number after it is a
    // designation modifying what follows, not someone.
    // "Royal Marines 2nd Lt. Jane Roe": a body, then a rank's ordinal and the ranked name, modifies the name.
    const ordinal =
      ORDINAL.test(w.t(span ? span.last + 1 : -1)?.text ?? '') && !!span && !!w.startingAt(span.last + 2);
    if (span && ((!span.entity && DESIGNATION_NUMBER.test(w.t(span.last + 1)?.text ?? '')) || ordinal)) {
      lastSpan = null;
      head = null;
      k = span.last + 2;
      continue;
    }
    // "the MP", "the CEO", "the Lord Mayor": a role written in capitals after a determiner is the phrase's
    // head, not a name.
    const role = !!span && (isRoleAcronym(span) || roleInCapitals(span.words));
    if (span && determiner && role && t) {
      if (head) modifiers.push(head.lower);
      head = w.t(span.last) ?? t;
      lastSpan = null;
      k = span.last + 1;
      continue;
    }
    if (span && span.last <= w.unitTo) {
      lastSpan = span;
      head = null;
      k = span.last + 1;
      if (span.possessive) {
        possessor = true;
        lastSpan = null;
      }
      continue;
    }
    // "Roe shrugs.": after a name, a reaction verb the tagger reads as a plural noun is the verb.
    const reaction = !!lastSpan && REACTION_VERBS.has(t?.lower ?? '');
    // "Roe later posted": after a name, a time word the tagger reads as an adjective stands before the verb.
    const timeWord = !!lastSpan && SKIPPABLE.has(t?.lower ?? '');
    if (
      t?.kind === 'word' &&
      !t.capitalised &&
      !reaction &&
      !timeWord &&
      // "the 19-year-old Jane Roe": an age before a name modifies it, as an adjective would.
      (AGED.test(t.text) ||
        ((t.tags.has('Noun') || t.tags.has('Adjective') || isRoleNoun(t)) &&
          !t.tags.has('Pronoun') &&
          !PREPOSITIONS.has(t.lower) &&
          !DETERMINERS.has(t.lower) &&
          !t.tags.has('Verb')) ||
        // "his campaign manager", "the press secretary": a word before a person noun modifies it, though the
        // tagger reads it as a verb.
        (t.tags.has('Verb') && !SKIPPABLE.has(t.lower) && isPersonNoun(w.t(k + 1))) ||
        // "retired neurosurgeon Jane Roe": a participle that qualifies a role, before it, not after a name.
        (qualifiesRole(t) && !lastSpan && w.t(k + 1)?.kind === 'word') ||
        // "said Oversight ranking Democrat Jane Roe": after a name, only an "-ing" role word before another name.
        (lastSpan && ROLE_ING_MODIFIERS.has(t.lower) && !!w.startingAt(k + 1)))
    ) {
      if (head) modifiers.push(head.lower);
      personWord ||= isPersonNoun(t);
      business =
        !head && lastSpan && lastSpan.kind !== 'person' && lastSpan.kind !== 'place' ? lastSpan : null;
      head = t;
      lastSpan = null;
      k += 1;
      continue;
    }
    // "secretary of state Jane Roe", "master of ceremonies Tom Becker": "of" and a bare noun complete a role
    // when the name follows them.
    const next = w.t(k + 1);
    const roleOf =
      head &&
      isWord(t, 'of') &&
      next?.kind === 'word' &&
      !next.capitalised &&
      next.tags.has('Noun') &&
      !DETERMINERS.has(next.lower) &&
      !next.tags.has('Pronoun') &&
      !!w.startingAt(k + 2);
    if (roleOf) {
      k += 1;
      continue;
    }
    // "Republican presidential candidate Jane Roe": a capitalised modifier that names no one (a party, a
    // nationality) is read through to the head or name after it.
    const modifier =
      t?.kind === 'word' &&
      t.capitalised &&
      (t.tags.has('Adjective') || t.tags.has('Demonym')) &&
      !t.tags.has('Verb') &&
      !PREPOSITIONS.has(t.lower) &&
      !DETERMINERS.has(t.lower);
    if (modifier) {
      k += 1;
      continue;
    }
    break;
  }
  const end = k - 1;
  // "his campaign manager" says nothing alone; "her daughter", "his wife" is someone, named or not.
  if (pronounOwner && !lastSpan && !(head && isPersonNoun(head))) return null;
  if (lastSpan) {
    const and = w.t(k);
    const other = w.startingAt(k + 1);
    if (isWord(and, 'and', 'or') && other)
      return { ...none, end: other.last, coordinated: [lastSpan, other] };
    return { ...none, speaker: lastSpan.entity, end, span: lastSpan, opaque: !lastSpan.entity };
  }
  if (!head) return null;
  // "The Acme bakery, whose …, wrote": a business named, then what kind of business it is, speaks by name.
  if (business && business.last === end - 1 && VENUE_NOUNS.has(head.lower) && isWord(first, 'the'))
    return { ...none, speaker: d.speakerOf(business), end, span: business };
  // "a spokesman for the Port Authority", "a statement from the ministry": the organisation speaks.
  const link = w.t(k);
  const linkOk =
    (SPOKES.has(head.lower) && isWord(link, 'for', 'of', 'at')) ||
    (SPEECH_NOUNS.has(head.lower) && isWord(link, 'from', 'by'));
  if (linkOk) {
    const after = isWord(w.t(k + 1), 'the') ? k + 2 : k + 1;
    const span = w.startingAt(after);
    if (span && !span.possessive) return { ...none, speaker: span.entity, end: span.last, span };
    return { ...none, end, opaque: SPOKES.has(head.lower) };
  }
  // "the former prime minister, Tony Blair": the name in apposition says who.
  // "another client, retired firefighter Jane Roe": the apposition may describe the name before giving it.
  const apposed = isPunct(link, ',') ? k + 1 : -1;
  const described =
    apposed >= 0 &&
    !w.startingAt(apposed) &&
    [1, 2, 3].some((n) => w.startingAt(apposed + n)) &&
    w.t(apposed)?.kind === 'word' &&
    !w.t(apposed)?.capitalised
      ? readNounPhrase(w, d, apposed)?.span
      : undefined;
  const named = apposed >= 0 ? (w.startingAt(apposed) ?? described) : undefined;
  if (named && !named.possessive && (isPunct(w.t(named.last + 1), ',', '.') || named.last === w.unitTo)) {
    return {
      ...none,
      speaker: named.entity,
      end: named.last,
      span: named,
      opaque: !named.entity,
      apposed: true,
    };
  }
  // "Her daughter rolls her eyes.": someone the text names only by their tie to another, whom a "she says"
  // after it means, not the last woman named.
  if (pronounOwner) {
    // "His wife is blunter.": a spouse is the one person of that gender sharing the surname.
    const tie = SPOUSES.get(head.lower);
    const spouse = tie && end === i + 1 ? d.spouseOf(first.lower === 'her' ? 'she' : 'he', i, tie) : null;
    // "His son, John Doe, … “…,” his son said": the one person the text gave that tie in apposition.
    const kin = !spouse && end === i + 1 && GENDERED_NOUNS.has(head.lower) ? d.tiedBy(head.lower, i) : null;
    const speaker = spouse ?? kin;
    return speaker ? { ...none, speaker, end } : { ...none, end, opaque: true };
  }
  if ((determiner && DEFINITE.has(determiner)) || possessor) {
    const qualified = isWord(link, 'of', 'at', 'for');
    const qualifier = qualified ? (w.startingAt(isWord(w.t(k + 1), 'the') ? k + 2 : k + 1) ?? null) : null;
    // "the president of the company": qualified by something we cannot check, so not a known president.
    if (qualified && !qualifier) return { ...none, end, opaque: isRoleNoun(head) };
    const speaker = d.resolveDescription(head.lower, i, qualifier, modifiers);
    return { ...none, speaker, end, opaque: !speaker && isRoleNoun(head) };
  }
  // "a pensioner", "another parent": someone unnamed by their part in the story, as by a role.
  const someone = !!determiner && INDEFINITE.has(determiner) && personWord;
  return { ...none, end, opaque: isRoleNoun(head) || someone };
}
