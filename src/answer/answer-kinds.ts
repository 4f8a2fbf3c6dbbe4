import type { QuestionType } from './question-type.js';

/**
 * What a sentence could answer, as bits: it names a person, a time, a place, a number or amount, or a
 * reason. Read from surface cues (digits, month names, "because", capitalised names after "in"…), which
 * news writes consistently; cheap enough to compute for every sentence once per version of an article.
 */
export const KIND = { person: 1, time: 2, place: 4, number: 8, reason: 16 } as const;

const NUMBER =
  /\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundreds?|thousands?|millions?|billions?|dozens?|half|quarter|third|double|twice|per ?cent|percent)\b/i;
const TIME =
  /\b(?:1[5-9]\d\d|20\d\d|\d{1,2}(?::\d\d)?\s?[ap]\.?m\.?|(?:mon|tues|wednes|thurs|fri|satur|sun)day|january|february|march|april|may|june|july|august|september|october|november|december|(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.|today|yesterday|tomorrow|tonight|overnight|morning|afternoon|evening|midnight|noon|weekend|weeks?|months?|years?|decades?|centur(?:y|ies)|spring|summer|autumn|winter|ago|since|until|earlier|later|recently|soon|next|last|dawn|dusk)\b/i;
const PLACE =
  /\b(?:in|at|near|from|outside|inside|across|around|into|towards?)\s+(?:the\s+)?\p{Lu}|\b(?:city|town|village|country|countries|state|county|region|province|street|road|avenue|square|river|valley|coast|island|capital|district|neighbourhood|neighborhood|airport|station|harbou?r|port|border|court(?:house)?|hospital|school|stadium|museum|headquarters|building|site|area)\b/iu;
const PERSON =
  /(?<!^)\b\p{Lu}\p{Ll}+(?:\s+\p{Lu}\.?)*\s+\p{Lu}\p{Ll}+|\b(?:Mr|Mrs|Ms|Miss|Dr|Prof|Sen|Rep|Gov|Judge|Justice|Chief|Inspector|Detective|Officer|Sir|Dame|Lord|Lady)\b\.?\s+\p{Lu}|\b(?:he|she|they|spokes(?:man|woman|person)|minister|director|chief|executive|president|chair(?:man|woman)?|leader|secretary|official|officer|manager|founder|owner|head|coach|judge|lawyer|attorney|prosecutor|professor|doctor|researcher|scientist|expert|analyst|mayor|councillor|resident|teacher|captain|player|victim|witness)s?\b/u;
// Cues of a cause or purpose. "After", "since" and "following" are left out: news uses them mostly for
// time ("will pay more after councillors voted"), and as reasons they handed "why" questions to the lede.
const REASON =
  /\b(?:because|due to|owing to|thanks to|as a result|result(?:ed|s)? (?:in|from)|in order to|so that|amid|blamed|blames|cause[ds]?|reasons?|led to|prompted|(?:that|this|which) is why|hit by|driven by|citing|in response to|over concerns?|fears? (?:of|that)|aimed at|to (?:protect|avoid|prevent|reduce|stop|help|ensure|pay|cover|meet|make))\b/i;

/** The kinds of answer a sentence holds (a union of KIND bits). */
export function sentenceKinds(text: string): number {
  return (
    (PERSON.test(text) ? KIND.person : 0) |
    (TIME.test(text) ? KIND.time : 0) |
    (PLACE.test(text) ? KIND.place : 0) |
    (NUMBER.test(text) ? KIND.number : 0) |
    (REASON.test(text) ? KIND.reason : 0)
  );
}

/** The kind of answer a question type wants, or 0 when any sentence could do (what, how, yes/no). */
export function wantedKind(type: QuestionType): number {
  switch (type) {
    case 'who':
      return KIND.person;
    case 'when':
      return KIND.time;
    case 'where':
      return KIND.place;
    case 'number':
      return KIND.number;
    case 'why':
      return KIND.reason;
    default:
      return 0;
  }
}

// "May" only beside a day's number: otherwise it is most often the verb.
const MONTH =
  'january|february|march|april|may (?=\\d)|(?<=\\d )may|june|july|august|september|october|november|december|(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\\.';
const WEEKDAY = '(?:mon|tues|wednes|thurs|fri|satur|sun)day';
// A point in time a "when" question can be answered with: a date, a year, a day, a clock time, or a
// period counted from now or from an event ("next month", "three weeks ago", "by the end of June").
const SPECIFIC_TIME = new RegExp(
  `\\b(?:${MONTH}|${WEEKDAY}|1[5-9]\\d\\d|20\\d\\d|\\d{1,2}(?::\\d\\d)?\\s?[ap]\\.?m\\.?|(?:next|last|this|coming) (?:week|month|year|spring|summer|autumn|winter|weekend|term|season)|\\w+ (?:days?|weeks?|months?|years?|decades?) (?:ago|later|earlier|before|after)|(?:end|start|beginning|middle) of|midnight|noon|dawn|dusk)\\b`,
  'i',
);

/**
 * Whether a sentence holds a point in time rather than only a word of time: "on 14 June", "in 2019",
 * "next month", not "for years" or "the last time" (which `sentenceKinds` counts as time too).
 */
export function specificTime(text: string): boolean {
  return SPECIFIC_TIME.test(text);
}
