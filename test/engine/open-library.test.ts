import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { openEmbedder } from '../../src/engine/open-library.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'open-library-'));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

describe('openEmbedder and the cache folder', () => {
  it('refuses a cache folder under a regular file with a ConfigError naming MODEL_CACHE_DIR and the path', async () => {
    await writeFile(path.join(dir, 'a-file'), '');
    const cacheDir = path.join(dir, 'a-file', 'cache');
    const error = await openEmbedder(loadConfig({ MODEL_CACHE_DIR: cacheDir })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/^MODEL_CACHE_DIR: cannot create or write the cache folder /);
    expect((error as Error).message).toContain(cacheDir);
  });

  it('names MODEL_CACHE_DIR too when only the models folder inside it cannot be made', async () => {
    await writeFile(path.join(dir, 'models'), 'not a folder');
    const error = await openEmbedder(loadConfig({ MODEL_CACHE_DIR: dir })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain(
      `MODEL_CACHE_DIR: cannot create or write the cache folder ${dir}`,
    );
    expect((error as Error).message).toContain(path.join(dir, 'models'));
  });
});
