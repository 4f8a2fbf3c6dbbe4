import { describe, expect, it } from 'vitest';
import { questionCore, questionType } from '../../src/answer/question-type.js';

describe('questionCore', () => {
  it('sets greetings, thanks and "can you tell me" aside, before and after the question', () => {
    expect(questionCore('Thanks! What did the mayor say?')).toBe('What did the mayor say?');
    expect(questionCore('What did the mayor say? Please answer briefly.')).toBe('What did the mayor say');
    expect(questionCore('quick question, can you tell me who won the vote?')).toBe('who won the vote?');
    expect(questionCore('what does the article say about china')).toBe('china');
  });

  it('keeps a question that is nothing but courtesy as it is, rather than emptying it', () => {
    expect(questionCore('thanks!')).toBe('thanks!');
  });
});

describe('questionType', () => {
  it.each([
    ['Who runs the harbour?', 'who'],
    ['when did the strike start', 'when'],
    ['Where was the fire?', 'where'],
    ['Why did the shares fall?', 'why'],
    ['How did the thieves get in?', 'how'],
    ['How many people were hurt?', 'number'],
    ['what percentage of pupils are vaccinated', 'number'],
    ['Did turnover shrink?', 'yes-no'],
    ['What is the new drug called?', 'what'],
    ['hey, so the vote happened when?', 'when'],
  ])('reads %j as %s', (question, type) => {
    expect(questionType(question)).toBe(type);
  });
});
