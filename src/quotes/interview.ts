// Question-and-answer interviews: an introduction, then questions in the writer's plain text, each
// answered by a paragraph entirely in quotation marks. No cue names the speaker of those answers: the layout
// does, and the person the interview is with is the one the headline names, or else the one the
// introduction opens with.
import type { AnalysedParagraph } from './analysed-paragraphs.js';
import type { ArticleRegistry } from './registry.js';

/**
 * A question followed by a quote-only paragraph this many times makes an article a Q&A: a single
 * rhetorical question before a quote is common in ordinary news, a run of them is an interview's layout.
 */
const MIN_ANSWERED_QUESTIONS = 2;

/** A paragraph of the writer's own words (no quotation in it) ending in a question mark. */
function isQuestion(analysed: AnalysedParagraph | undefined): boolean {
  return !!analysed && analysed.quotes.length === 0 && analysed.paragraph.text.trim().endsWith('?');
}

/** A paragraph whose text outside quotation marks is punctuation only, and which opens with a quote. */
function isQuoteOnly(analysed: AnalysedParagraph): boolean {
  return (
    analysed.outer[0]?.kind === 'quote' &&
    analysed.outer.every((t) => t.kind === 'quote' || t.kind === 'punct')
  );
}

/** Indices of the paragraphs that answer a question of a Q&A, or none when the article is not one. */
export function interviewAnswers(paragraphs: readonly AnalysedParagraph[]): Set<number> {
  const answers = new Set<number>();
  paragraphs.forEach((analysed, p) => {
    if (p > 0 && isQuestion(paragraphs[p - 1]) && isQuoteOnly(analysed)) answers.add(p);
  });
  return answers.size >= MIN_ANSWERED_QUESTIONS ? answers : new Set();
}

/**
 * The registry key of the person a Q&A is with: the one person whose full name the headline gives ("… —
 * Jane Roe on 30 years of rescue"), else the first person the first paragraph names (an interview's
 * introduction opens with who it is about), else null.
 */
export function interviewee(registry: ArticleRegistry): string | null {
  const people = [...registry.entities.values()].filter(
    (e) => e.kind === 'person' && e.canonical.includes(' '),
  );
  const inHeadline = people.filter((e) => registry.headline.includes(e.canonical));
  if (inHeadline.length === 1) return inHeadline[0]?.key ?? null;
  const first = (registry.outerSpans[0] ?? []).find(
    (s) => s.entity && registry.entities.get(s.entity)?.kind === 'person',
  );
  return first?.entity ?? null;
}
