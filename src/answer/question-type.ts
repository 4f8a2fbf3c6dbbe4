/**
 * What kind of answer a question wants, read from its wording: a person (who), a time (when), a place
 * (where), a reason (why), a manner (how), a number or amount (how many/much, what percentage), a yes or
 * no, or a thing (what/which and the rest). "What did X say" is told apart by the question's focus, not here.
 */
export type QuestionType = 'who' | 'when' | 'where' | 'why' | 'how' | 'number' | 'yes-no' | 'what';

// Openers and courtesies that carry no part of the question: "thanks! quick question, can you tell me …".
const LEAD_IN =
  /^(?:(?:hi|hey|hello|ok(?:ay)?|so|thanks|thank you|cheers|please|pls|quick (?:question|q)|sorry|um+|also|and|but|btw|one more|another one)\b[\s,.:;!?-]*)+/i;
const ASKING =
  /^(?:(?:can|could|would|will) you (?:please )?(?:tell me|say|explain|let me know|check)|(?:do|does) (?:anyone|anybody|you) know|i(?:'d| would) like to know|i (?:want|need) to know|i(?:'m| am) wondering|i wonder|tell me|any idea|(?:what|anything) (?:does|did|do|is) (?:the|this|that|these) (?:articles?|story|stories|piece|report|news) (?:say|said|tell us|mention|report)s? (?:about|on|regarding|of)|(?:does|did|do) (?:the|this|that|these) (?:articles?|story|piece|report|news) (?:say|mention|tell us|report)|according to (?:the|this) (?:articles?|story|piece|report),?)\b[\s,:]*/i;
// Courtesies and instructions after the question: "… please answer briefly", "… thanks!".
const TRAILER =
  /[\s,;.!?-]*\b(?:(?:please|pls|plz)(?: (?:answer|reply|keep it|be))?(?: (?:briefly|short|quickly|brief))?|(?:answer|reply|keep it) (?:briefly|short)|briefly|in short|in a sentence|thanks(?: (?:a lot|so much|in advance))?|thank you|thx|ty|cheers|tia)[\s.!?]*$/i;

/** The question without greetings, thanks, "can you tell me" or "please answer briefly" around it. */
export function questionCore(question: string): string {
  let core = question.trim();
  for (let previous = ''; previous !== core;) {
    previous = core;
    core = core.replace(LEAD_IN, '').replace(ASKING, '').replace(TRAILER, '').trim();
  }
  return core.length > 0 ? core : question.trim();
}

const NUMBER =
  /^(?:how (?:many|much|long|old|far|big|large|often|high|tall|fast)|what (?:percentage|proportion|share|number|amount|sum|price|fee|figure|score)|by how much)\b/i;
const YES_NO =
  /^(?:is|are|was|were|do|does|did|has|have|had|can|could|will|would|should|shall|may|might|must)\b/i;

/** The kind of answer a question wants, from its first words once courtesies are set aside. */
export function questionType(question: string): QuestionType {
  const core = questionCore(question).toLowerCase();
  if (NUMBER.test(core)) return 'number';
  if (/^(?:who|whom|whose)\b/.test(core)) return 'who';
  if (
    /^(?:when|what (?:time|date|day|year|month))\b|^(?:in|on|by|since|until) what (?:year|date|day|month)\b/.test(
      core,
    )
  )
    return 'when';
  if (/^(?:where|in what (?:city|country|town|place))\b/.test(core)) return 'where';
  if (/^(?:why|what (?:caused|prompted|led)|for what reason)\b/.test(core)) return 'why';
  if (/^how\b/.test(core)) return 'how';
  if (YES_NO.test(core)) return 'yes-no';
  // A wh-word later on ("the strike started when?", "and who paid for it"): the first one decides.
  const later = /\b(who|whom|when|where|why|how many|how much)\b/.exec(core)?.[1];
  if (later === 'how many' || later === 'how much') return 'number';
  if (later === 'whom') return 'who';
  if (later) return later as QuestionType;
  return 'what';
}
