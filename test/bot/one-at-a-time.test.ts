import { describe, expect, it } from 'vitest';
import { oneAtATime } from '../../src/bot/one-at-a-time.js';

describe('oneAtATime', () => {
  it('runs the computations in order, one at a time, with an event-loop turn between two', async () => {
    const events: string[] = [];
    const work = (name: string) => async () => {
      events.push(`${name} starts`);
      // What arrives while it computes (an interaction to acknowledge) is handled before the next starts.
      setImmediate(() => events.push(`after ${name}`));
      await Promise.resolve();
      events.push(`${name} ends`);
      return name;
    };
    const results = await Promise.all([oneAtATime(work('a')), oneAtATime(work('b')), oneAtATime(work('c'))]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(events).toEqual([
      'a starts',
      'a ends',
      'after a',
      'b starts',
      'b ends',
      'after b',
      'c starts',
      'c ends',
    ]);
  });

  it('goes on after a computation that failed', async () => {
    const failed = oneAtATime(() => Promise.reject(new Error('broken')));
    await expect(failed).rejects.toThrow('broken');
    await expect(oneAtATime(() => Promise.resolve(42))).resolves.toBe(42);
  });
});
