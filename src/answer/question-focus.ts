import { contentTerms, stem, words } from './text-terms.js';

/** What the answer engine needs to know about a person or organisation the articles name. */
export interface PersonProfile {
  name: string;
  /** Every form the article uses: full name, surname, "Ms Roe", … */
  aliases: readonly string[];
  /** The role or apposition the article gives ("director of Foo"), if any. */
  role?: string | null;
  /** Sentences that name the person. */
  mentionSentenceIds: readonly string[];
  /** Sentences whose quoted or reported speech is attributed to the person. */
  speakerSentenceIds: readonly string[];
}

/** What a question is after: "what did X say", "who is X", or anything else. */
export type QuestionIntent = 'said' | 'identity' | 'other';

/** A person the question refers to, and how sure the match is (1 = named outright). */
export interface PersonMatch {
  person: PersonProfile;
  confidence: number;
}

export interface QuestionFocus {
  intent: QuestionIntent;
  people: PersonMatch[];
  /** Whose words a "what did X say" question asks for, when X is someone the articles name. */
  subject?: PersonMatch;
}

// Verbs of saying and thinking: the question wants the person's own words.
const SAID =
  /\b(say|says|said|saying|tell|tells|told|think|thinks|thought|believe|believes|claim|claims|argue|argues|argued|warn|warns|warned|call(?:ed|s)? for|describe[sd]?|comment(?:ed|s)?|respond(?:ed|s)?|react(?:ed|s)?|view|opinion|stance|position)\b/i;
// "What did X say", "what does X think about …", "has X called for …": X is the phrase before the verb.
const SUBJECT_OF_SAYING =
  /\b(?:did|does|do|has|have|had|would|will|could|can|is|was)\s+(.+?)\s+(?:say|tell|think|believe|claim|argue|warn|call|describe|comment|respond|react|want|mean|suggest|propose|fear|predict|promise|accuse|deny|admit|announce|feel|expect|hope|urge|demand)(?:s|ed|ing)?\b/i;
// "Who is X", "who's X", "what does X do", "where does X work": the question wants the apposition.
const IDENTITY =
  /^(who(?:'s|’s| is| was| are)\b|what (?:is|was) (?:the )?(?:job|role|title|position)\b|what does .+ do\b|where does .+ work\b)/i;

const SPEECH_TERMS = new Set(
  'say tell think believe claim argue warn call describe comment respond react view opinion stance position want mean suggest propose fear predict promise accuse deny admit announce feel expect hope urge demand'
    .split(' ')
    .map(stem),
);

/** True for the stemmed verbs and nouns of saying ("say", "told", "view"), which name no topic. */
export function isSpeechTerm(term: string): boolean {
  return SPEECH_TERMS.has(term);
}

/**
 * Works out which people a question is about, from the names, aliases and roles the articles give
 * (nothing about any particular article is built in), and whether it asks what they said or who they are.
 */
export function findQuestionFocus(question: string, people: readonly PersonProfile[]): QuestionFocus {
  const questionWords = ` ${words(question).join(' ')} `;
  const questionTerms = new Set(contentTerms(question));
  const matches: PersonMatch[] = [];

  for (const person of people) {
    let confidence = 0;
    for (const alias of person.aliases) {
      const aliasWords = words(alias).join(' ');
      if (aliasWords && questionWords.includes(` ${aliasWords} `)) confidence = 1;
    }
    if (confidence < 1 && person.role)
      confidence = Math.max(confidence, roleMatch(person.role, questionTerms));
    if (confidence >= 0.5) matches.push({ person, confidence });
  }
  matches.sort((a, b) => b.confidence - a.confidence);

  const intent: QuestionIntent = IDENTITY.test(question.trim())
    ? 'identity'
    : SAID.test(question)
      ? 'said'
      : 'other';
  const subjectPhrase = intent === 'said' ? SUBJECT_OF_SAYING.exec(question)?.[1] : undefined;
  const subject = subjectPhrase ? findSubject(subjectPhrase, matches) : undefined;
  return { intent, people: matches, ...(subject ? { subject } : {}) };
}

/**
 * Which matched person a subject phrase names. In "the White House spokesman" the phrase's head is its
 * last word, so the person whose name ends the phrase, or whose role has that head noun, is the subject;
 * "White House" is only a modifier.
 */
function findSubject(phrase: string, matches: readonly PersonMatch[]): PersonMatch | undefined {
  const phraseWords = words(phrase);
  const nounPhrase = phrase.split(/\s+(?:of|at|for|in|from|on|about)\s+/i)[0] ?? phrase;
  const head = contentTerms(nounPhrase).pop();
  const phraseTerms = contentTerms(phrase);
  const phraseText = ` ${phraseWords.join(' ')} `;
  let best: { match: PersonMatch; rank: number } | undefined;
  for (const match of matches) {
    let rank = 0;
    for (const alias of match.person.aliases) {
      const aliasText = words(alias).join(' ');
      if (!aliasText || !phraseText.includes(` ${aliasText} `)) continue;
      rank = Math.max(rank, phraseText.endsWith(` ${aliasText} `) ? 3 : 1);
    }
    // A role names the subject only if it has the phrase's head and every other word the phrase adds
    // ("the transport secretary" is not "the union's general secretary").
    const role = match.person.role;
    if (head && role && roleHead(role) === head) {
      const known = new Set(contentTerms([role, ...match.person.aliases].join(' ')));
      if (phraseTerms.every((t) => known.has(t))) rank = Math.max(rank, 2);
    }
    if (
      rank > 0 &&
      (!best || rank > best.rank || (rank === best.rank && match.confidence > best.match.confidence))
    ) {
      best = { match, rank };
    }
  }
  return best?.match;
}

function roleHead(role: string): string | undefined {
  // The head of an English noun phrase is its last noun before any "of/at/for/in" complement.
  const beforeComplement = role.split(/\s+(?:of|at|for|in|with|from|on)\s+/i)[0] ?? role;
  return contentTerms(beforeComplement).pop();
}

/**
 * How well a question names a role: the role's head noun ("spokesman" in "White House spokesman",
 * "secretary" in "secretary of state") counts half, the share of the role's other terms the rest.
 */
function roleMatch(role: string, questionTerms: ReadonlySet<string>): number {
  const head = roleHead(role);
  const terms = [...new Set(contentTerms(role))];
  if (!head || terms.length === 0) return 0;
  const headHit = questionTerms.has(head) ? 0.5 : 0;
  const others = terms.filter((t) => t !== head);
  const share =
    others.length === 0
      ? headHit
        ? 1
        : 0
      : others.filter((t) => questionTerms.has(t)).length / others.length;
  return headHit ? headHit + 0.5 * share : 0.5 * share * (others.length >= 2 ? 1 : 0);
}
