import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KnowledgeError, UserError } from '../../src/errors.js';
import {
  addArticleFile,
  articleFileNameProblem,
  removeArticleFile,
  validateArticleFile,
  writeFileAtomically,
} from '../../src/knowledge/article-files.js';
import { loadKnowledgeFolder } from '../../src/knowledge/load-knowledge.js';
import { MAX_ARTICLE_BYTES } from '../../src/knowledge/parse-article.js';

const article = (title: string, extra = '') => `---
title: ${title}
source: Test Gazette
date: 2024-03-01
${extra}---

The harbour reopened on Monday.

“We are back,” said Ana Ruiz.
`;
const HARBOUR = article('Harbour reopens');
const bytes = (text: string) => new TextEncoder().encode(text);
const WEB_SAVED = await readFile('test/fixtures/web-saved/transit-strike.txt');

// Each test gets a parent folder holding the knowledge folder, so a name that escaped it would show.
let parent: string | undefined;
async function folder(files: Record<string, string>): Promise<string> {
  parent = await mkdtemp(path.join(tmpdir(), 'article-files-'));
  const dir = path.join(parent, 'knowledge');
  await mkdir(dir);
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(dir, name), content);
  return dir;
}
afterEach(async () => {
  if (parent) await rm(parent, { recursive: true, force: true });
  parent = undefined;
});

/** Every entry of the parent folder and the knowledge folder, hidden ones included, with its content. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const entries: Record<string, string> = {};
  for (const name of await readdir(path.dirname(dir))) entries[`../${name}`] = '';
  for (const entry of await readdir(dir, { withFileTypes: true }))
    entries[entry.name] = entry.isFile() ? await readFile(path.join(dir, entry.name), 'utf8') : '(folder)';
  return entries;
}

async function refusal(work: Promise<unknown>): Promise<string> {
  const error = await work.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(UserError);
  return (error as Error).message;
}

describe('validateArticleFile', () => {
  it('returns the article a Markdown file with front matter gives', () => {
    const parsed = validateArticleFile('harbour.md', bytes(HARBOUR));
    expect(parsed).toMatchObject({ slug: 'harbour', title: 'Harbour reopens', file: 'harbour.md' });
    expect(parsed.paragraphs).toHaveLength(2);
  });

  it('reads a page saved as text like the loader: headline as title, closing credit as source', () => {
    const parsed = validateArticleFile('transit-strike.txt', WEB_SAVED);
    expect(parsed).toMatchObject({
      slug: 'transit-strike',
      title: 'Rail workers strike over pay as commuters face week of disruption',
      source: 'Metro Daily',
    });
    expect(parsed.paragraphs[0]!.text).toMatch(/^Thousands of rail workers walked out/);
  });

  it('refuses bad content with the file name and the loader’s words for the problem', () => {
    const problem = (name: string, text: string | Uint8Array) => {
      const error = (() => {
        try {
          validateArticleFile(name, typeof text === 'string' ? bytes(text) : text);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(KnowledgeError);
      return (error as KnowledgeError).message;
    };
    expect(problem('a.md', HARBOUR.replace('\n---\n\n', '\n\n'))).toBe(
      'a.md: front matter is not closed by a "---" line',
    );
    expect(problem('a.md', article('X', 'author: Ana\n'))).toBe('a.md: unknown front matter key(s): author');
    expect(problem('a.md', 'Just a line.')).toMatch(/^a\.md: has no front matter/);
    expect(problem('a.md', new Uint8Array(MAX_ARTICLE_BYTES + 1).fill(0x61))).toBe(
      `a.md: is ${MAX_ARTICLE_BYTES + 1} bytes, over the ${MAX_ARTICLE_BYTES}-byte limit`,
    );
  });
});

describe('articleFileNameProblem', () => {
  it('refuses paths, hidden names, control characters, other extensions and READMEs', () => {
    expect(articleFileNameProblem('../x.md')).toBe('must be a plain file name, not a path (no / or \\)');
    expect(articleFileNameProblem('a/b.md')).toMatch(/not a path/);
    expect(articleFileNameProblem('a\\b.md')).toMatch(/not a path/);
    expect(articleFileNameProblem('..')).toBe('is hidden (its name starts with a dot)');
    expect(articleFileNameProblem('.hidden.md')).toBe('is hidden (its name starts with a dot)');
    expect(articleFileNameProblem('x\n.md')).toBe('has control characters in its name');
    expect(articleFileNameProblem('')).toBe('is an empty file name');
    expect(articleFileNameProblem(`${'a'.repeat(201)}.md`)).toMatch(/longer than 200 bytes/);
    expect(articleFileNameProblem('x.pdf')).toBe('does not end in .md, .markdown or .txt');
    expect(articleFileNameProblem('README.md')).toBe('is a README, licence or changelog, not an article');
    expect(articleFileNameProblem('Harbour Reopens.MD')).toBeUndefined();
  });

  // Adding a file must refuse exactly what a reload would skip: every name here is put in a real folder,
  // and the loader's verdict must match.
  it('agrees with the loader on every name the loader judges by name alone', async () => {
    const names = [
      'a.md',
      'b.markdown',
      'c.TXT',
      'Harbour Reopens.md',
      '.hidden.md',
      'README.md',
      'readme.txt',
      'LICENSE.md',
      'licence.markdown',
      'CHANGELOG.md',
      'x.pdf',
      'x.md.bak',
      'notes',
    ];
    const dir = await folder(Object.fromEntries(names.map((n) => [n, HARBOUR])));
    const { articles, skipped } = await loadKnowledgeFolder(dir);
    for (const name of names) {
      const loaderReason = skipped.find((s) => s.file === name)?.reason;
      expect({ name, reason: articleFileNameProblem(name) }).toEqual({ name, reason: loaderReason });
      expect(articles.some((a) => a.file === name)).toBe(loaderReason === undefined);
    }
  });
});

describe('addArticleFile', () => {
  it('saves a valid file under its name, byte for byte, where the loader reads it', async () => {
    const dir = await folder({ 'harbour.md': HARBOUR });
    const result = await addArticleFile(dir, 'storm.md', bytes(article('Storm hits coast')));
    expect(result).toMatchObject({ replaced: false, article: { slug: 'storm', title: 'Storm hits coast' } });
    expect(await readFile(path.join(dir, 'storm.md'), 'utf8')).toBe(article('Storm hits coast'));
    const { articles } = await loadKnowledgeFolder(dir);
    expect(articles.map((a) => a.slug)).toEqual(['harbour', 'storm']);
  });

  it('saves a page saved as text, which the loader then reads with the same title', async () => {
    const dir = await folder({ 'harbour.md': HARBOUR });
    const { article: added } = await addArticleFile(dir, 'transit-strike.txt', WEB_SAVED);
    const { articles } = await loadKnowledgeFolder(dir);
    expect(articles.find((a) => a.slug === 'transit-strike')).toEqual(added);
  });

  it('adds the first article to a folder that has none yet', async () => {
    const dir = await folder({ 'README.md': '# notes' });
    await addArticleFile(dir, 'harbour.md', bytes(HARBOUR));
    expect((await loadKnowledgeFolder(dir)).articles.map((a) => a.file)).toEqual(['harbour.md']);
  });

  it('writes nothing for a broken file, a bad name or an oversize file, and says what is wrong', async () => {
    const dir = await folder({ 'harbour.md': HARBOUR });
    const before = await snapshot(dir);
    const broken = bytes(HARBOUR.replace('title: Harbour reopens\n', ''));
    expect(await refusal(addArticleFile(dir, 'broken.md', broken))).toBe(
      'broken.md: front matter "title": Invalid input: expected string, received undefined',
    );
    const big = new Uint8Array(MAX_ARTICLE_BYTES + 1).fill(0x61);
    expect(await refusal(addArticleFile(dir, 'big.txt', big))).toMatch(/^big\.txt: is 524289 bytes, over/);
    for (const name of ['../x.md', '.hidden.md', 'a/b.md', 'README.md', 'x.pdf']) {
      const message = await refusal(addArticleFile(dir, name, bytes(HARBOUR)));
      expect(message.startsWith(`${name}: `)).toBe(true);
    }
    expect(await snapshot(dir)).toEqual(before);
  });

  it('refuses a slug another file already has, even with replace set', async () => {
    const dir = await folder({ 'harbour.md': HARBOUR });
    const before = await snapshot(dir);
    // Same slug from the file name, and the same slug from front matter.
    expect(await refusal(addArticleFile(dir, 'harbour.txt', bytes(HARBOUR)))).toMatch(
      /^harbour\.txt: has the same slug "harbour" as harbour\.md; to replace that article, use the name harbour\.md/,
    );
    const sameSlug = bytes(article('Another', 'slug: harbour\n'));
    expect(await refusal(addArticleFile(dir, 'other.md', sameSlug, { replace: true }))).toMatch(
      /same slug "harbour" as harbour\.md/,
    );
    expect(await snapshot(dir)).toEqual(before);
  });

  it('refuses a name already taken unless replace is set, and then overwrites it', async () => {
    const dir = await folder({ 'harbour.md': HARBOUR, 'storm.md': article('Storm') });
    const updated = article('Harbour reopens after repairs');
    expect(await refusal(addArticleFile(dir, 'harbour.md', bytes(updated)))).toBe(
      'harbour.md: already exists; add it again with replace set to overwrite it',
    );
    expect(await readFile(path.join(dir, 'harbour.md'), 'utf8')).toBe(HARBOUR);

    const result = await addArticleFile(dir, 'harbour.md', bytes(updated), { replace: true });
    expect(result.replaced).toBe(true);
    expect(await readFile(path.join(dir, 'harbour.md'), 'utf8')).toBe(updated);
    // The replaced file may change its own slug: nobody else holds the new one.
    await addArticleFile(dir, 'storm.md', bytes(article('Storm', 'slug: big-storm\n')), { replace: true });
    const { articles } = await loadKnowledgeFolder(dir);
    expect(articles.map((a) => [a.slug, a.title])).toEqual([
      ['harbour', 'Harbour reopens after repairs'],
      ['big-storm', 'Storm'],
    ]);
  });

  it('refuses a name held by a folder, with the loader’s reason', async () => {
    const dir = await folder({ 'harbour.md': HARBOUR });
    await mkdir(path.join(dir, 'archive.md'));
    expect(await refusal(addArticleFile(dir, 'archive.md', bytes(HARBOUR), { replace: true }))).toBe(
      "archive.md: is already taken: the folder's entry is a folder; subfolders are not read",
    );
    expect((await stat(path.join(dir, 'archive.md'))).isDirectory()).toBe(true);
  });

  it('changes nothing in a folder that already fails to load, and lists its problems', async () => {
    const dir = await folder({ 'harbour.md': HARBOUR, 'broken.md': 'no front matter' });
    const before = await snapshot(dir);
    const message = await refusal(addArticleFile(dir, 'storm.md', bytes(article('Storm'))));
    expect(message.split('\n')).toEqual([
      `${dir}: has broken files; nothing was changed. Fix or remove them first:`,
      expect.stringMatching(/^broken\.md: has no front matter/),
    ]);
    expect(await snapshot(dir)).toEqual(before);
  });

  it('replaces a broken file with a good one of the same name, so a moderator can fix it from Discord', async () => {
    const dir = await folder({ 'harbour.md': HARBOUR, 'broken.md': 'no front matter' });
    const { replaced } = await addArticleFile(dir, 'broken.md', bytes(article('Storm')), { replace: true });
    expect(replaced).toBe(true);
    expect((await loadKnowledgeFolder(dir)).articles.map((a) => a.file)).toEqual(['broken.md', 'harbour.md']);
  });

  it('lets only one of two files with the same slug in when both are added at once', async () => {
    const dir = await folder({ 'harbour.md': HARBOUR });
    const results = await Promise.allSettled([
      addArticleFile(dir, 'storm.md', bytes(article('Storm'))),
      addArticleFile(dir, 'storm.txt', bytes(article('Storm'))),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
    expect((await loadKnowledgeFolder(dir)).articles.map((a) => a.file)).toEqual(['harbour.md', 'storm.md']);
  });

  it('leaves no temporary file behind, after writing or after a failed write', async () => {
    const dir = await folder({ 'harbour.md': HARBOUR });
    await addArticleFile(dir, 'storm.md', bytes(article('Storm')));
    await addArticleFile(dir, 'storm.md', bytes(article('Storm, updated')), { replace: true });
    expect(await readdir(dir)).toEqual(['harbour.md', 'storm.md']);

    // A rename onto a non-empty folder fails after the temporary file was written and flushed.
    await mkdir(path.join(dir, 'taken.md'));
    await writeFile(path.join(dir, 'taken.md', 'inside.md'), HARBOUR);
    await expect(writeFileAtomically(dir, 'taken.md', bytes(HARBOUR))).rejects.toThrow();
    expect((await readdir(dir)).sort()).toEqual(['harbour.md', 'storm.md', 'taken.md']);
  });
});

describe('removeArticleFile', () => {
  it('deletes the file holding the slug, found by slug rather than file name', async () => {
    const dir = await folder({ 'harbour.md': HARBOUR, 'Storm Notes.md': article('Storm', 'slug: storm\n') });
    expect(await removeArticleFile(dir, 'storm')).toEqual({ file: 'Storm Notes.md' });
    expect(await readdir(dir)).toEqual(['harbour.md']);
  });

  it('refuses a slug no article has, changing nothing', async () => {
    const dir = await folder({ 'harbour.md': HARBOUR, 'storm.md': article('Storm') });
    const before = await snapshot(dir);
    expect(await refusal(removeArticleFile(dir, 'nope'))).toBe('No article has the slug "nope".');
    // A file the loader skips has no slug, so it cannot be removed by its name either.
    await writeFile(path.join(dir, 'README.md'), '# notes');
    expect(await refusal(removeArticleFile(dir, 'readme'))).toBe('No article has the slug "readme".');
    expect(await snapshot(dir)).toEqual({ ...before, 'README.md': '# notes' });
  });

  it('refuses to remove the only article, since the loader refuses an empty folder', async () => {
    const dir = await folder({ 'harbour.md': HARBOUR, 'README.md': '# notes' });
    expect(await refusal(removeArticleFile(dir, 'harbour'))).toBe(
      'harbour.md is the only article, and the knowledge folder must hold at least one: ' +
        'add another article before removing this one.',
    );
    expect((await loadKnowledgeFolder(dir)).articles.map((a) => a.file)).toEqual(['harbour.md']);
  });
});
