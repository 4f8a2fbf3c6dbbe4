import { describe, expect, it } from 'vitest';
import { KIND, sentenceKinds, wantedKind } from '../../src/answer/answer-kinds.js';

describe('sentenceKinds', () => {
  it('finds the kinds of answer a sentence holds', () => {
    const has = (text: string, kind: number) => (sentenceKinds(text) & kind) !== 0;
    expect(has('Sentencing is set for July 14.', KIND.time)).toBe(true);
    expect(has('Revenue fell 12 per cent to £310 million.', KIND.number)).toBe(true);
    expect(has('The fire started in a classroom in Ashby.', KIND.place)).toBe(true);
    expect(has('The shop was opened by Agnes Whitfield.', KIND.person)).toBe(true);
    expect(has('Shares fell because sales were weak.', KIND.reason)).toBe(true);
    expect(has('The airline lost money, hit by higher fuel costs.', KIND.reason)).toBe(true);
    expect(has('That is why the classes were closed.', KIND.reason)).toBe(true);
    expect(has('Bills will rise after councillors voted on Monday.', KIND.reason)).toBe(false);
    expect(has('The plan was welcomed.', KIND.time | KIND.number | KIND.place | KIND.person)).toBe(false);
  });

  it('maps question types to the kind they want, and "what" to none', () => {
    expect(wantedKind('when')).toBe(KIND.time);
    expect(wantedKind('number')).toBe(KIND.number);
    expect(wantedKind('what')).toBe(0);
  });
});
