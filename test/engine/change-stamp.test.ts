import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  changeStampFile,
  readChangeStamp,
  watchChangeStamp,
  writeChangeStamp,
  type ChangeStamp,
} from '../../src/engine/change-stamp.js';
import { createLogger } from '../../src/logger.js';

let dir: string;
const logger = createLogger('silent');
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'change-stamp-'));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

const stamp = (version: string): ChangeStamp => ({
  version,
  origin: 'other:1',
  at: new Date().toISOString(),
});

describe('the change stamp', () => {
  it('lives in the cache folder, one per knowledge folder, named by its absolute path', () => {
    const file = changeStampFile('/shared/cache', 'knowledge');
    expect(path.dirname(file)).toBe('/shared/cache/changes');
    expect(changeStampFile('/shared/cache', path.resolve('knowledge'))).toBe(file);
    expect(changeStampFile('/shared/cache', 'other-knowledge')).not.toBe(file);
  });

  it('is written whole and read back; anything else reads as no stamp', async () => {
    const file = path.join(dir, 'changes', 'k.json');
    expect(await readChangeStamp(file)).toBeUndefined();
    const written = stamp('abc123abc123');
    await writeChangeStamp(file, written);
    expect(await readChangeStamp(file)).toEqual(written);
    await writeFile(file, '{"version": 1}');
    expect(await readChangeStamp(file)).toBeUndefined();
  });

  it('is watched: each new stamp is reported once, the one found at the start is not', async () => {
    const file = path.join(dir, 'changes', 'k.json');
    await writeChangeStamp(file, stamp('before'));
    const seen: string[] = [];
    const watch = watchChangeStamp(file, (s) => void seen.push(s.version), { logger, intervalMs: 50 });
    try {
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(seen).toEqual([]);
      await writeChangeStamp(file, stamp('first'));
      await expect.poll(() => seen, { timeout: 2000 }).toEqual(['first']);
      await writeChangeStamp(file, stamp('second'));
      await expect.poll(() => seen, { timeout: 2000 }).toEqual(['first', 'second']);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(seen).toEqual(['first', 'second']);
    } finally {
      watch.close();
    }
  });
});
