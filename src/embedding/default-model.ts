import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import { z } from 'zod';
import type { Logger } from '../logger.js';
import {
  buildGloveModel,
  GLOVE_MODEL_BUILDER_VERSION,
  GLOVE_SOURCE,
  type GloveModelOptions,
} from './glove-model.js';

/** The model id (a folder under the models directory) of the embedding model built from npm-only data. */
export const DEFAULT_MODEL_ID = 'local/glove-6b-100d-sif';

/** Lists every file of a built model with its size and hash; its presence marks the folder complete. */
const MANIFEST_FILE = 'build-manifest.json';
// A build takes seconds; a temp folder this old belongs to a process that died mid-build.
const ABANDONED_AFTER_MS = 10 * 60_000;
/**
 * Files checked by size only. The float model is 40 MB that the product never loads (it runs the int8
 * one); hashing it would add ~50 ms to every start for nothing. Everything else is hashed: ~20 ms warm.
 */
const SIZE_ONLY = new Set(['onnx/model.onnx']);

const manifestSchema = z.object({
  builder: z.number(),
  source: z.string(),
  files: z.record(z.string(), z.object({ size: z.number().int().nonnegative(), sha256: z.string() })),
});
type Manifest = z.infer<typeof manifestSchema>;

/** What a look at a model folder found; `damaged` names the first bad file and what is wrong with it. */
type FolderState =
  | { kind: 'current' }
  | { kind: 'absent' }
  | { kind: 'outdated' }
  | { kind: 'damaged'; file: string; problem: string };

/**
 * Returns `<modelsDir>/local/glove-6b-100d-sif`, building it first when it is missing, was built by an
 * older builder, or is damaged (a file missing, cut short or changed since the build, checked against the
 * manifest written with it). A damaged model is logged as a warning naming the file, then rebuilt once; if
 * that fails, the error names the folder. The folder appears only complete (built aside, then renamed
 * into place), and concurrent callers, in this process or others, all get the same finished folder.
 * `build` is for tests, which exercise the folder handling on a small vocabulary; the manifest does not
 * record it. Without a logger, the warning goes to `process.emitWarning`.
 */
export async function ensureDefaultModel(
  modelsDir: string,
  build: GloveModelOptions = {},
  logger?: Logger,
): Promise<string> {
  const target = join(modelsDir, DEFAULT_MODEL_ID);
  const found = await inspect(target);
  if (found.kind === 'current') return target;
  if (found.kind === 'damaged') warnDamaged(target, found, logger);

  try {
    await buildInPlace(target, build);
  } catch (err) {
    // System errors (a read-only or full disk) already name their path, and callers map them to config errors.
    if (err instanceof Error && 'code' in err) throw err;
    throw new Error(`${buildFailure(target, found)}: ${err instanceof Error ? err.message : String(err)}`, {
      cause: err,
    });
  }
  const rebuilt = await inspect(target);
  if (rebuilt.kind !== 'current') {
    const why = rebuilt.kind === 'damaged' ? ` (${join(target, rebuilt.file)} ${rebuilt.problem})` : '';
    throw new Error(
      `${buildFailure(target, found)}: the new model does not check out${why}. ` +
        'Check the disk, then delete the folder to start afresh.',
    );
  }
  return target;
}

function warnDamaged(target: string, { file, problem }: { file: string; problem: string }, logger?: Logger) {
  const path = join(target, file);
  const message = `embedding model file ${path} ${problem}; rebuilding the model`;
  if (logger) logger.warn({ folder: target, file: path, problem }, message);
  else process.emitWarning(message);
}

function buildFailure(target: string, found: FolderState): string {
  return found.kind === 'damaged'
    ? `The embedding model in ${target} was damaged (${join(target, found.file)} ${found.problem}) and rebuilding it failed`
    : `Could not build the embedding model in ${target}`;
}

/** Builds the model aside, with its manifest last, and renames it over whatever is at `target`. */
async function buildInPlace(target: string, build: GloveModelOptions): Promise<void> {
  await mkdir(dirname(target), { recursive: true });
  await removeAbandoned(target);
  const temp = `${target}.tmp-${process.pid}-${randomUUID()}`;
  try {
    await buildGloveModel(temp, build);
    // Last, so a folder with a manifest has every file the manifest lists.
    await writeFile(join(temp, MANIFEST_FILE), JSON.stringify(await manifestOf(temp), null, 2) + '\n');
    // Two rounds cover the one way a rename can lose: an outdated or damaged folder sits at the target.
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await rename(temp, target);
        return;
      } catch (err) {
        if (!isCode(err, 'ENOTEMPTY', 'EEXIST')) throw err;
      }
      // Someone else's rename won; theirs is as good as ours.
      if ((await inspect(target)).kind === 'current') return;
      await retireOutdated(target);
    }
    throw new Error(`Could not put the embedding model in place at ${target}`);
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

async function manifestOf(folder: string): Promise<Manifest> {
  const files: Manifest['files'] = {};
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  const paths = entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(folder, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
  for (const file of paths) {
    const path = join(folder, file);
    files[file] = { size: (await stat(path)).size, sha256: await sha256(path) };
  }
  return { builder: GLOVE_MODEL_BUILDER_VERSION, source: GLOVE_SOURCE, files };
}

async function inspect(folder: string): Promise<FolderState> {
  let text: string;
  try {
    text = await readFile(join(folder, MANIFEST_FILE), 'utf8');
  } catch (err) {
    if (!isCode(err, 'ENOENT', 'ENOTDIR')) throw err;
    // A folder without a manifest was made by a builder from before manifests, or is not a model at all.
    return (await exists(folder)) ? { kind: 'outdated' } : { kind: 'absent' };
  }
  let manifest: Manifest;
  try {
    manifest = manifestSchema.parse(JSON.parse(text));
  } catch {
    return { kind: 'damaged', file: MANIFEST_FILE, problem: 'is not a readable manifest' };
  }
  if (manifest.builder !== GLOVE_MODEL_BUILDER_VERSION || manifest.source !== GLOVE_SOURCE) {
    return { kind: 'outdated' };
  }
  for (const [file, expected] of Object.entries(manifest.files)) {
    const path = join(folder, file);
    let size: number;
    try {
      size = (await stat(path)).size;
    } catch (err) {
      if (isCode(err, 'ENOENT', 'ENOTDIR')) return { kind: 'damaged', file, problem: 'is missing' };
      throw err;
    }
    if (size !== expected.size) {
      return { kind: 'damaged', file, problem: `is ${size} bytes, ${expected.size} expected` };
    }
    if (!SIZE_ONLY.has(file) && (await sha256(path)) !== expected.sha256) {
      return { kind: 'damaged', file, problem: 'has changed since it was built (sha256 differs)' };
    }
  }
  return { kind: 'current' };
}

async function sha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
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
