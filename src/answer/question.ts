import { UserError } from '../errors.js';
import { contentTerms } from './text-terms.js';

/** Longest question accepted, in characters; the slash command declares the same limit. */
export const MAX_QUESTION_LENGTH = 300;

/**
 * Cleans a question for the engine (control characters out, whitespace collapsed) or throws a
 * UserError saying what to change: empty, too long, or with no words to search for.
 */
export function normaliseQuestion(raw: string): string {
  // Control characters and lone surrogates come from pasted binary, never from a person typing.
  const cleaned = raw
    // eslint-disable-next-line no-control-regex -- control characters are what this removes
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\uFFFD]|[\uD800-\uDFFF]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (cleaned.length === 0)
    throw new UserError('Please type a question, for example: "What did the spokesman say?"');
  if (cleaned.length > MAX_QUESTION_LENGTH) {
    throw new UserError(
      `That question is ${cleaned.length} characters long; please keep it under ${MAX_QUESTION_LENGTH}.`,
    );
  }
  if (contentTerms(cleaned).length === 0 && !/\p{L}{2,}/u.test(cleaned)) {
    throw new UserError(
      'That does not look like a question in words. Try asking about a person or event in the articles.',
    );
  }
  return cleaned;
}
