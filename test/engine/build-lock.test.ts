import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withBuildLock } from '../../src/engine/build-lock.js';
import { createLogger } from '../../src/logger.js';

let dir: string;
const logger = createLogger('silent');
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'build-lock-'));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('withBuildLock', () => {
  it('lets one build at a time: the others wait for it, then run', async () => {
    const events: string[] = [];
    const build = (name: string) =>
      withBuildLock(dir, logger, async () => {
        events.push(`${name} start`);
        await sleep(150);
        events.push(`${name} end`);
        return name;
      });
    expect(await Promise.all([build('a'), build('b'), build('c')])).toEqual(['a', 'b', 'c']);
    for (let i = 0; i < events.length; i += 2) {
      expect(events[i]).toMatch(/ start$/);
      expect(events[i + 1]).toBe(events[i]!.replace('start', 'end'));
    }
  });

  it('releases the lock when the build throws', async () => {
    await expect(withBuildLock(dir, logger, () => Promise.reject(new Error('broken file')))).rejects.toThrow(
      'broken file',
    );
    expect(await withBuildLock(dir, logger, () => Promise.resolve('next'))).toBe('next');
  });

  it('takes over a lock its holder left behind (not refreshed for 30 s)', async () => {
    const lock = path.join(dir, 'build.lock');
    await writeFile(lock, 'gone-host:1\n');
    const old = new Date(Date.now() - 60_000);
    await utimes(lock, old, old);
    expect(await withBuildLock(dir, logger, () => Promise.resolve('built'))).toBe('built');
  });

  it('waits for a lock that is held and fresh', async () => {
    const lock = path.join(dir, 'build.lock');
    await writeFile(lock, 'other-host:1\n');
    let built = false;
    const waiting = withBuildLock(dir, logger, () => Promise.resolve((built = true)));
    await sleep(600);
    expect(built).toBe(false);
    await rm(lock);
    await waiting;
    expect(built).toBe(true);
  });
});
