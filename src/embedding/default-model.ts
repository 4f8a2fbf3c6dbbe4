import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import {
  buildGloveModel,
  GLOVE_MODEL_BUILDER_VERSION,
  GLOVE_SOURCE,
  type GloveModelOptions,
} from './glove-model.js';

/** The model id (a folder under the models directory) of the embedding model built from npm-only data. */
export const DEFAULT_MODEL_ID = 'local/glove-6b-100d-sif';

const STAMP_FILE = 'build-stamp.json';
const STAMP = JSON.stringify({ builder: GLOVE_MODEL_BUILDER_VERSION, source: GLOVE_SOURCE }) + '\n';
// A build takes seconds; a temp folder this old belongs to a process that died mid-build.
const ABANDONED_AFTER_MS = 10 * 60_000;

/**
 * Returns `<modelsDir>/local/glove-6b-100d-sif`, building it first when it is missing or was built by an
 * older builder. The folder appears only complete (built aside, then renamed into place), and concurrent
 * callers, in this process or others, all get the same finished folder. `build` is for tests, which
 * exercise the folder handling on a small vocabulary; the stamp does not record it.
 */
export async function ensureDefaultModel(modelsDir: string, build: GloveModelOptions = {}): Promise<string> {
  const target = join(modelsDir, DEFAULT_MODEL_ID);
  if (await isCurrent(target)) return target;

  await mkdir(dirname(target), { recursive: true });
  await removeAbandoned(target);
  const temp = `${target}.tmp-${process.pid}-${randomUUID()}`;
  try {
    await buildGloveModel(temp, build);
    await writeFile(join(temp, STAMP_FILE), STAMP);
    // Two rounds cover the one way a rename can lose: an outdated folder sits at the target.
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await rename(temp, target);
        return target;
      } catch (err) {
        if (!isCode(err, 'ENOTEMPTY', 'EEXIST')) throw err;
      }
      // Someone else's rename won; theirs is as good as ours.
      if (await isCurrent(target)) return target;
      await retireOutdated(target);
    }
    throw new Error(`Could not put the embedding model in place at ${target}`);
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

async function isCurrent(folder: string): Promise<boolean> {
  try {
    return (await readFile(join(folder, STAMP_FILE), 'utf8')) === STAMP;
  } catch (err) {
    if (isCode(err, 'ENOENT', 'ENOTDIR')) return false;
    throw err;
  }
}

/** Moves an outdated folder aside before deleting it, so the target never holds a half-deleted model. */
async function retireOutdated(target: string): Promise<void> {
  const aside = `${target}.old-${process.pid}-${randomUUID()}`;
  try {
    await rename(target, aside);
  } catch (err) {
    // Another process retired it first.
    if (isCode(err, 'ENOENT')) return;
    throw err;
  }
  await rm(aside, { recursive: true, force: true });
}

async function removeAbandoned(target: string): Promise<void> {
  const parent = dirname(target);
  const prefix = `${basename(target)}.`;
  for (const name of await readdir(parent)) {
    if (!name.startsWith(prefix)) continue;
    const path = join(parent, name);
    try {
      if (Date.now() - (await stat(path)).mtimeMs > ABANDONED_AFTER_MS) {
        await rm(path, { recursive: true, force: true });
      }
    } catch (err) {
      // Its owner finished and removed it in the meantime.
      if (!isCode(err, 'ENOENT')) throw err;
    }
  }
}

function isCode(err: unknown, ...codes: string[]): boolean {
  return err instanceof Error && 'code' in err && codes.includes(String(err.code));
}
