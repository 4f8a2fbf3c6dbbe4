import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A fingerprint of the code that made something saved to disk: every source file under `dirs`, the
 * versions of the packages they import (compromise's dictionary and tagger, say), Node's Unicode version
 * (words and names are matched with Unicode regular expressions), and `salt` (the saved file's kind and
 * format). A store stamps what it writes with it and discards what carries another.
 */
export function codeFingerprint(dirs: readonly URL[], salt: string): Promise<string> {
  // Taken once per process: what matters is the code this process runs, which is what it loaded first.
  const key = [salt, ...dirs.map(String)].join('\0');
  let fingerprint = fingerprints.get(key);
  if (!fingerprint) fingerprints.set(key, (fingerprint = computeFingerprint(dirs, salt)));
  return fingerprint;
}
const fingerprints = new Map<string, Promise<string>>();

const BARE_IMPORT = /(?:\bfrom|\bimport)\s*\(?\s*['"]([^'".][^'"]*)['"]/gu;

async function computeFingerprint(dirs: readonly URL[], salt: string): Promise<string> {
  const hash = createHash('sha256').update(`${salt}\0unicode ${process.versions.unicode}\0`);
  const packages = new Set<string>();
  for (const dir of dirs) {
    const root = fileURLToPath(await sourceOf(dir));
    const files = (await readdir(root, { recursive: true, withFileTypes: true }))
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
      .sort();
    for (const file of files) {
      const text = await readFile(path.join(root, file));
      hash
        .update(`${path.basename(root)}/${file}\0`)
        .update(text)
        .update('\0');
      for (const [, specifier] of text.toString('utf8').matchAll(BARE_IMPORT))
        if (specifier && !specifier.startsWith('node:')) packages.add(packageOf(specifier));
    }
  }
  for (const name of [...packages].sort()) hash.update(`${name}@${await installedVersion(name)}\0`);
  return hash.digest('hex');
}

// This file's folder: `src/` run through tsx, `dist/src/` run compiled (`npm start`; see src/build.ts).
const CODE_ROOT = new URL('./', import.meta.url);
const COMPILED = CODE_ROOT.pathname.endsWith('/dist/src/');
const SOURCE_ROOT = new URL('../../src/', CODE_ROOT);

/**
 * The TypeScript folder a folder of running code was compiled from: `dist/src/answer/` → `src/answer/`.
 * The source is what the fingerprint describes, so the compiled bot and the tsx-run CLI, eval and tests
 * share their caches. Compiled code without its source beside it fingerprints itself.
 */
async function sourceOf(dir: URL): Promise<URL> {
  if (!COMPILED || !dir.href.startsWith(CODE_ROOT.href)) return dir;
  const source = new URL(dir.href.slice(CODE_ROOT.href.length), SOURCE_ROOT);
  const exists = await stat(source).then(
    (found) => found.isDirectory(),
    () => false,
  );
  return exists ? source : dir;
}

/** The package a bare import specifier names: `zod`, `@scope/pkg`. */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return (specifier.startsWith('@') ? parts.slice(0, 2) : parts.slice(0, 1)).join('/');
}

/** Version of an installed package, read from its package.json (importing it would defeat lazy loading). */
async function installedVersion(name: string): Promise<string> {
  let dir: string;
  try {
    dir = path.dirname(fileURLToPath(import.meta.resolve(name)));
  } catch {
    return 'unresolved';
  }
  for (;;) {
    try {
      const manifest = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (manifest.name === name) return manifest.version ?? 'unknown';
    } catch {
      // No package.json at this level: keep climbing.
    }
    const parent = path.dirname(dir);
    if (parent === dir) return 'unknown';
    dir = parent;
  }
}
