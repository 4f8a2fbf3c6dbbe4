import { describe, expect, test } from 'vitest';
import { Cooldowns } from '../../src/bot/cooldown.js';

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('Cooldowns', () => {
  test('lets a user in once, then refuses until the window has passed', () => {
    const time = clock();
    const cooldowns = new Cooldowns(5, time.now);
    expect(cooldowns.take('alice')).toBe(0);
    time.advance(2000);
    expect(cooldowns.take('alice')).toBe(3000);
    time.advance(3000);
    expect(cooldowns.take('alice')).toBe(0);
  });

  test('does not extend the wait for someone who keeps trying', () => {
    const time = clock();
    const cooldowns = new Cooldowns(5, time.now);
    cooldowns.take('alice');
    time.advance(4000);
    expect(cooldowns.take('alice')).toBe(1000);
    time.advance(1000);
    expect(cooldowns.take('alice')).toBe(0);
  });

  test('keeps users apart', () => {
    const cooldowns = new Cooldowns(5, clock().now);
    expect(cooldowns.take('alice')).toBe(0);
    expect(cooldowns.take('bob')).toBe(0);
  });

  test('is off when set to zero seconds', () => {
    const cooldowns = new Cooldowns(0, clock().now);
    expect(cooldowns.take('alice')).toBe(0);
    expect(cooldowns.take('alice')).toBe(0);
  });

  test('forgets expired users on a busy server, and still remembers recent ones', () => {
    const time = clock();
    const cooldowns = new Cooldowns(1, time.now);
    for (let i = 0; i < 1000; i++) cooldowns.take(`old-${i}`);
    time.advance(1500);
    cooldowns.take('recent');
    cooldowns.take('trigger-prune');
    expect(cooldowns.take('recent')).toBeGreaterThan(0);
    expect(cooldowns.take('old-1')).toBe(0);
  });
});
