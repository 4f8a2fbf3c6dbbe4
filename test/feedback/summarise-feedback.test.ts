import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FeedbackStore, readFeedback, type FeedbackRecord } from '../../src/feedback/feedback-store.js';
import {
  normaliseQuestion,
  summariseFeedback,
  TOP_QUESTIONS,
} from '../../src/feedback/summarise-feedback.js';

let clock = Date.parse('2024-05-01T10:00:00.000Z');
/** A stored record, one second after the previous one unless `at` is given. */
function rec(vote: 'up' | 'down', member: string, question: string, extra: Partial<FeedbackRecord> = {}) {
  clock += 1000;
  return {
    at: new Date(clock).toISOString(),
    vote,
    question,
    citations: ['a#1'],
    member: member.padEnd(16, '0'),
    ...extra,
  } satisfies FeedbackRecord;
}

describe('normaliseQuestion', () => {
  it('joins spellings that differ in case, spaces, apostrophes and end punctuation', () => {
    const key = normaliseQuestion("What's Spicer's view?");
    for (const q of ['what’s spicer’s view', "  WHAT'S   Spicer's\tview ?!  ", "What's Spicer's view..."])
      expect(normaliseQuestion(q)).toBe(key);
    expect(normaliseQuestion('What did Trump say?')).not.toBe(key);
  });

  it('keeps punctuation that is not at the end, and closing quotes', () => {
    expect(normaliseQuestion('Who said “not now”?')).toBe('who said “not now”');
    expect(normaliseQuestion('U.S. policy?')).toBe('u.s. policy');
  });
});

describe('summariseFeedback', () => {
  it('is all zeros for no records', () => {
    expect(summariseFeedback([])).toEqual({
      votes: 0,
      up: 0,
      down: 0,
      superseded: 0,
      members: 0,
      mostDownVoted: [],
    });
  });

  it("counts only a member's latest vote on the same answer", () => {
    const summary = summariseFeedback([
      rec('up', 'a', 'What did Spicer say?'),
      rec('down', 'b', 'What did Spicer say?'),
      // Member a changes their mind on the same answer, spelled differently.
      rec('down', 'a', 'what did spicer say'),
      // The same member on a different answer (other citations) is a separate vote.
      rec('up', 'a', 'What did Spicer say?', { citations: ['a#2'] }),
    ]);
    expect(summary).toMatchObject({ votes: 3, up: 1, down: 2, superseded: 1, members: 2 });
    expect(summary.mostDownVoted).toEqual([
      { question: 'What did Spicer say?', up: 1, down: 2, citations: ['a#2'] },
    ]);
  });

  it('takes the latest by time, not by file order, and the later line when times are equal', () => {
    const late = rec('up', 'a', 'Q');
    const early = rec('down', 'a', 'Q', { at: '2020-01-01T00:00:00.000Z' });
    expect(summariseFeedback([late, early])).toMatchObject({ up: 1, down: 0, superseded: 1 });

    const first = rec('up', 'a', 'Q');
    const sameTime = { ...first, vote: 'down' as const };
    expect(summariseFeedback([first, sameTime])).toMatchObject({ up: 0, down: 1 });
  });

  it('lists the top questions by down votes, fewer up votes first among equals, and only with down votes', () => {
    const records = [
      rec('up', 'a', 'Only liked'),
      rec('down', 'a', 'Two down, one up'),
      rec('down', 'b', 'Two down, one up'),
      rec('up', 'c', 'Two down, one up'),
      rec('down', 'a', 'Two down'),
      rec('down', 'b', 'Two down'),
      rec('down', 'a', 'Three down'),
      rec('down', 'b', 'Three down'),
      rec('down', 'c', 'Three down', { citations: ['b#4', 'b#1'] }),
    ];
    expect(summariseFeedback(records).mostDownVoted).toEqual([
      { question: 'Three down', up: 0, down: 3, citations: ['b#4', 'b#1'] },
      { question: 'Two down', up: 0, down: 2, citations: ['a#1'] },
      { question: 'Two down, one up', up: 1, down: 2, citations: ['a#1'] },
    ]);
  });

  it(`lists at most ${TOP_QUESTIONS} questions`, () => {
    const records = Array.from({ length: 15 }, (_, i) => rec('down', 'a', `Question ${i}`));
    expect(summariseFeedback(records).mostDownVoted).toHaveLength(TOP_QUESTIONS);
  });

  it('counts votes recorded through the store, latest winning even within one millisecond', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'feedback-summary-'));
    try {
      const store = new FeedbackStore(dir);
      // Awaited one by one, so file order is press order; several land in the same millisecond.
      for (const vote of ['up', 'down', 'up', 'down'] as const)
        await store.record({ vote, question: 'Who is Jenny Town?', citations: ['t#5'], memberId: '42' });
      await store.record({ vote: 'up', question: 'Who is Jenny Town?', citations: ['t#5'], memberId: '43' });
      const summary = summariseFeedback((await readFeedback(dir)).records);
      expect(summary).toMatchObject({ votes: 2, up: 1, down: 1, superseded: 3, members: 2 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
