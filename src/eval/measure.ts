import { normaliseQuestion } from '../answer/question.js';
import type { RetrievalMode } from '../answer/retrieve.js';
import type { ArticleIndex } from '../engine/build-index.js';
import type { EvalQuestion, GoldParagraph } from './question-sets.js';

/** What the engine did with one question. */
export interface Outcome {
  question: EvalQuestion;
  /** Position of the first gold paragraph in the ranking, from 1; Infinity when absent or not answerable. */
  rank: number;
  declined: boolean;
  answer: string;
  /** A gold span occurs in the answer (answered questions with spans only). */
  spanInAnswer?: boolean;
}

/** Runs every question through the engine: the ranking for recall, `ask` for the answer or decline. */
export async function measure(
  index: ArticleIndex,
  questions: readonly EvalQuestion[],
  mode: RetrievalMode = 'hybrid',
): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const question of questions) {
    const ranking = await index.rank(normaliseQuestion(question.q), mode);
    const position = ranking.paragraphs.findIndex((p) =>
      question.gold.some((g) => isGold(g, p.article.slug, p.paragraph.number)),
    );
    const result = await index.ask(question.q);
    const spanInAnswer =
      question.answers.length > 0 && !result.declined
        ? question.answers.some((a) => squadNormal(result.answer).includes(squadNormal(a)))
        : undefined;
    outcomes.push({
      question,
      rank: position < 0 ? Infinity : position + 1,
      declined: result.declined,
      answer: result.answer,
      ...(spanInAnswer === undefined ? {} : { spanInAnswer }),
    });
  }
  return outcomes;
}

/** A gold paragraph with no article (`doc` '') is about the only article loaded. */
function isGold(gold: GoldParagraph, doc: string, paragraph: number): boolean {
  return gold.paragraph === paragraph && (gold.doc === '' || gold.doc === doc);
}

/** SQuAD's answer normalisation: lower case, no punctuation, no articles, single spaces. */
function squadNormal(text: string): string {
  return ` ${text
    .toLowerCase()
    .replace(/[\p{P}\p{S}]/gu, ' ')
    .replace(/\b(a|an|the)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()} `;
}

/** The figures reported for a set of outcomes. */
export interface Figures {
  answerable: number;
  r1: number;
  r3: number;
  mrr: number;
  /** Share of answerable questions declined. */
  declined: number;
  /** Share of answered questions with spans whose answer contains one. */
  span: number;
  unanswerable: number;
  /** Share of unanswerable questions declined, all / plausible (on the articles' subject) / unrelated. */
  offDeclined: number;
  plausibleDeclined: number;
  unrelatedDeclined: number;
}

export function figures(outcomes: readonly Outcome[]): Figures {
  const on = outcomes.filter((o) => o.question.gold.length > 0);
  const off = outcomes.filter((o) => o.question.gold.length === 0);
  const share = (list: readonly Outcome[], test: (o: Outcome) => boolean) =>
    list.length === 0 ? NaN : list.filter(test).length / list.length;
  const withSpan = on.filter((o) => o.spanInAnswer !== undefined);
  return {
    answerable: on.length,
    r1: share(on, (o) => o.rank <= 1),
    r3: share(on, (o) => o.rank <= 3),
    mrr: on.length === 0 ? NaN : on.reduce((s, o) => s + 1 / o.rank, 0) / on.length,
    declined: share(on, (o) => o.declined),
    span: share(withSpan, (o) => o.spanInAnswer === true),
    unanswerable: off.length,
    offDeclined: share(off, (o) => o.declined),
    plausibleDeclined: share(
      off.filter((o) => o.question.plausible),
      (o) => o.declined,
    ),
    unrelatedDeclined: share(
      off.filter((o) => !o.question.plausible),
      (o) => o.declined,
    ),
  };
}

/** Outcomes grouped by question type (`said`, `who`, …), and `by role` for questions naming only a role. */
export function byType(outcomes: readonly Outcome[]): Map<string, Outcome[]> {
  const groups = new Map<string, Outcome[]>();
  const add = (key: string, o: Outcome) => groups.set(key, [...(groups.get(key) ?? []), o]);
  for (const o of outcomes) {
    if (o.question.gold.length === 0) continue;
    add(o.question.type, o);
    if (o.question.byRole) add('by role', o);
  }
  return new Map([...groups].sort((a, b) => a[0].localeCompare(b[0])));
}
