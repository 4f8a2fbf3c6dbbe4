import { describe, expect, it } from 'vitest';
import { specificTime } from '../../src/answer/answer-kinds.js';
import { topParagraph } from './flat-story.js';

describe('specificTime', () => {
  it('takes dates, days, years and counted periods, not bare words of time or the verb "may"', () => {
    for (const text of ['on 14 June', 'in late 2022', 'next month', 'on Thursday', 'at 2 p.m.', 'May 5'])
      expect(specificTime(text), text).toBe(true);
    for (const text of ['for years', 'the last time', 'it may close', 'weeks of work'])
      expect(specificTime(text), text).toBe(false);
  });
});

// A made-up story: both paragraphs hold a word of time, only the second a point in time.
describe('HybridRetriever.rank, a "when" question', () => {
  const story = [
    'Zentford pier reopens after years of delay.',
    'Zentford pier reopens on 14 June, the board says.',
  ];
  it('prefers the sentence holding a date to one holding only a word of time', () => {
    expect(topParagraph(story, 'When does Zentford pier reopen?')).toBe(2);
  });
  it('(which the words alone do not decide that way)', () => {
    expect(topParagraph(story, 'When does Zentford pier reopen?', { specificTime: 0 })).toBe(1);
  });
});
