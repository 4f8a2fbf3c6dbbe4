import type { FeedbackRecord } from './feedback-store.js';

/** How many questions `mostDownVoted` lists. */
export const TOP_QUESTIONS = 10;

/** The counted votes on one question (all its answers), as the summary lists it. */
export interface QuestionFeedback {
  /** The question as last asked (groups join spellings that differ only in case, spaces or end punctuation). */
  question: string;
  up: number;
  down: number;
  /** The citations of the latest vote on the question: what the answer cited most recently. */
  citations: string[];
}

/** What the votes say, counting one vote per member per answer (see `summariseFeedback`). */
export interface FeedbackSummary {
  /** Votes counted: the latest of each member on each answer. */
  votes: number;
  up: number;
  down: number;
  /** Earlier votes replaced by the same member's later vote on the same answer (kept in the file, not counted). */
  superseded: number;
  /** Distinct (hashed) members who voted. */
  members: number;
  /** The questions with the most down votes, at most TOP_QUESTIONS, worst first; only those with any. */
  mostDownVoted: QuestionFeedback[];
}

/**
 * A question's grouping key: Unicode-normalised, lower case, curly apostrophes straight, runs of white
 * space as one space, and without trailing punctuation, so "Who won the vote?" and "who won  the
 * vote" are one question.
 */
export function normaliseQuestion(question: string): string {
  return (
    question
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[\u2018\u2019]/gu, "'")
      .replace(/\s+/gu, ' ')
      // \p{Po}: ? ! . , ; : … and the like; closing quotes and brackets (Pf, Pe) stay, they are content.
      .replace(/[\s\p{Po}]+$/u, '')
      .trim()
  );
}

/**
 * Totals and the most down-voted questions. The file keeps every vote, but a member who votes twice on the
 * same answer (same normalised question and the same citations in the same order) changed their mind:
 * only their latest vote counts, by `at`, then by file order when two share a millisecond.
 * `records` must be in file order, as `readFeedback` returns them.
 */
export function summariseFeedback(records: readonly FeedbackRecord[]): FeedbackSummary {
  // Latest vote per (member, answer); an index in `records` so ties in `at` go to the later line.
  const latest = new Map<string, number>();
  records.forEach((record, i) => {
    const key = JSON.stringify([record.member, normaliseQuestion(record.question), record.citations]);
    const previous = latest.get(key);
    if (previous === undefined || !isLater(records[previous]!, record)) latest.set(key, i);
  });
  const counted = [...latest.values()].sort((a, b) => a - b).map((i) => records[i]!);

  const byQuestion = new Map<string, QuestionFeedback & { lastAt: number }>();
  for (const record of records) {
    const key = normaliseQuestion(record.question);
    const group = byQuestion.get(key);
    const at = Date.parse(record.at);
    if (!group) {
      byQuestion.set(key, {
        question: record.question,
        up: 0,
        down: 0,
        citations: record.citations,
        lastAt: at,
      });
    } else if (at >= group.lastAt) {
      Object.assign(group, { question: record.question, citations: record.citations, lastAt: at });
    }
  }
  for (const record of counted) byQuestion.get(normaliseQuestion(record.question))![record.vote] += 1;

  const up = counted.filter((r) => r.vote === 'up').length;
  return {
    votes: counted.length,
    up,
    down: counted.length - up,
    superseded: records.length - counted.length,
    members: new Set(records.map((r) => r.member)).size,
    mostDownVoted: [...byQuestion.values()]
      .filter((q) => q.down > 0)
      // Worst first: most down votes; among equals, fewer up votes; then alphabetical, so output is stable.
      .sort((a, b) => b.down - a.down || a.up - b.up || a.question.localeCompare(b.question))
      .slice(0, TOP_QUESTIONS)
      .map(({ question, up, down, citations }) => ({ question, up, down, citations })),
  };
}

/** Whether `a` was recorded strictly after `b` (an equal time is not later: file order decides then). */
function isLater(a: FeedbackRecord, b: FeedbackRecord): boolean {
  return Date.parse(a.at) > Date.parse(b.at);
}
