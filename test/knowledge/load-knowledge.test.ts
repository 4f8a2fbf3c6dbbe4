import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KnowledgeError } from '../../src/errors.js';
import { loadKnowledge, loadKnowledgeFolder, readRegularFile } from '../../src/knowledge/load-knowledge.js';
import { MAX_ARTICLE_BYTES } from '../../src/knowledge/parse-article.js';

const GOOD = `---
title: Harbour reopens
source: Test Gazette
date: 2024-03-01
---

The harbour reopened on Monday.

“We are back,” said Ana Ruiz.
`;

let dir: string;
async function folder(files: Record<string, string | Uint8Array>): Promise<string> {
  dir = await mkdtemp(path.join(tmpdir(), 'knowledge-'));
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(dir, name), content);
  return dir;
}
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function problems(files: Record<string, string | Uint8Array>): Promise<string> {
  const error = await loadKnowledge(await folder(files)).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(KnowledgeError);
  return (error as KnowledgeError).message;
}

describe('loadKnowledge', () => {
  it('loads the seed article as 14 numbered paragraphs with citation ids', async () => {
    const [article, ...others] = await loadKnowledge('knowledge');
    expect(others).toHaveLength(0);
    expect(article!.slug).toBe('trump-kim-honoured');
    expect(article!.paragraphs).toHaveLength(14);
    expect(article!.paragraphs[13]!.id).toBe('trump-kim-honoured#14');
    expect(article!.paragraphs[13]!.text).toContain('conditions are not there right now');
    expect(article!.paragraphs[0]!.text.startsWith('President')).toBe(true);
    expect(article!.paragraphs.some((p) => p.text.includes('Via FT'))).toBe(false);
  });

  it('splits paragraphs into sentences with ids, keeping honorifics inside a sentence', async () => {
    const [article] = await loadKnowledge(
      await folder({
        'a.md': GOOD.replace('The harbour reopened on Monday.', 'Mr Smith spoke. Dr Jones agreed on Monday.'),
      }),
    );
    expect(article!.paragraphs[0]!.sentences.map((s) => s.text)).toEqual([
      'Mr Smith spoke.',
      'Dr Jones agreed on Monday.',
    ]);
    expect(article!.paragraphs[0]!.sentences[1]!.id).toBe('a#1.2');
  });

  it('reads front matter into metadata and keeps a YAML date as plain text', async () => {
    const [article] = await loadKnowledge(await folder({ 'harbour.md': GOOD }));
    expect(article).toMatchObject({
      slug: 'harbour',
      title: 'Harbour reopens',
      source: 'Test Gazette',
      date: '2024-03-01',
    });
    expect(article!.paragraphs).toHaveLength(2);
  });

  it('accepts plain text, taking a short first line as the title', async () => {
    const [article] = await loadKnowledge(
      await folder({ 'Notes File.txt': 'Storm hits coast\n\nThe storm came at night.\n\nIt left by noon.' }),
    );
    expect(article).toMatchObject({ slug: 'notes-file', title: 'Storm hits coast' });
    expect(article!.paragraphs.map((p) => p.number)).toEqual([1, 2]);
  });

  it('refuses a Markdown file without front matter, naming the file', async () => {
    expect(await problems({ 'bare.md': 'Just text.' })).toMatch(/^bare\.md: has no front matter/);
  });

  it('refuses front matter that misses a field or has an unknown key', async () => {
    const message = await problems({ 'x.md': GOOD.replace('source: Test Gazette\n', 'titel: typo\n') });
    expect(message).toContain('x.md: ');
    expect(message).toContain('"source"');
    expect(message).toContain('titel');
  });

  it('refuses front matter that is not valid YAML or not closed', async () => {
    expect(await problems({ 'y.md': GOOD.replace('title: Harbour reopens', 'title: [unclosed') })).toMatch(
      /not valid YAML/,
    );
    expect(await problems({ 'z.md': '---\ntitle: a\nsource: b\ndate: c\n\nBody.' })).toMatch(/not closed/);
  });

  it('refuses an empty body', async () => {
    expect(await problems({ 'empty.md': '---\ntitle: a\nsource: b\ndate: c\n---\n\n   \n' })).toMatch(
      /empty body/,
    );
  });

  it('refuses a file that is not UTF-8 text', async () => {
    expect(await problems({ 'bin.txt': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]) })).toMatch(
      /not a text file/,
    );
    expect(
      await problems({ 'latin1.txt': new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x20, 0x6f, 0x6b]) }),
    ).toMatch(/not valid UTF-8/);
  });

  it('refuses a file over the size limit without loading it', async () => {
    expect(await problems({ 'big.txt': 'word '.repeat(MAX_ARTICLE_BYTES / 4) })).toMatch(
      /over the \d+-byte limit/,
    );
  });

  it('refuses two files with the same slug', async () => {
    expect(await problems({ 'a.md': GOOD, 'b.md': GOOD.replace('date:', 'slug: a\ndate:') })).toMatch(
      /same slug "a"/,
    );
  });

  it('loads nothing when one file of several is broken, and lists every broken file', async () => {
    const message = await problems({
      'good.md': GOOD,
      'bad1.md': 'no front matter',
      'bad2.txt': new Uint8Array([0]),
    });
    expect(message.split('\n')).toHaveLength(2);
    expect(message).toContain('bad1.md');
    expect(message).toContain('bad2.txt');
  });

  it('reports a missing folder, or a path that is not a folder', async () => {
    await expect(loadKnowledge('/nonexistent/knowledge')).rejects.toThrow(
      /cannot read the knowledge folder \(ENOENT\)/,
    );
    const file = path.join(await folder({ 'a.md': GOOD }), 'a.md');
    await expect(loadKnowledge(file)).rejects.toThrow(/cannot read the knowledge folder \(ENOTDIR\)/);
  });

  it('gives back the previous article object for a file whose bytes are unchanged, and parses a changed one', async () => {
    const dir = await folder({ 'a.md': GOOD, 'b.md': GOOD.replace('Harbour reopens', 'Second') });
    const first = await loadKnowledge(dir);
    await writeFile(path.join(dir, 'b.md'), GOOD.replace('Harbour reopens', 'Second, edited'));
    const second = await loadKnowledge(dir, first);
    expect(second[0]).toBe(first[0]);
    expect(second[1]).not.toBe(first[1]);
    expect(second[1]!.title).toBe('Second, edited');
  });

  it('reads an edit that keeps the size and sets the modification time back (the change time moves)', async () => {
    const dir = await folder({ 'a.md': GOOD });
    const file = path.join(dir, 'a.md');
    const first = await loadKnowledge(dir);
    const { atime, mtime } = await stat(file);
    await writeFile(file, GOOD.replace('Ana Ruiz', 'Ana Diaz'));
    await utimes(file, atime, mtime);
    const second = await loadKnowledge(dir, first);
    expect(second[0]).not.toBe(first[0]);
    expect(second[0]!.paragraphs[1]!.text).toContain('Ana Diaz');
  });

  it('reports a folder with no articles', async () => {
    expect(await problems({ 'README.md': '# notes', 'data.json': '{}' })).toMatch(/holds no articles/);
  });
});

describe('loadKnowledgeFolder: only regular files inside the folder are read', () => {
  const SECRET = 'DISCORD_TOKEN=abcdefghijklmnopqrstuvwxyz0123456789';
  const reasonFor = (skipped: { file: string; reason: string }[], file: string) =>
    skipped.find((s) => s.file === file)?.reason;

  it('never reads a symlink to a file outside the folder, and lists it with the reason', async () => {
    const root = await folder({ '.env': SECRET });
    const knowledge = path.join(root, 'knowledge');
    await mkdir(knowledge);
    await writeFile(path.join(knowledge, 'harbour.md'), GOOD);
    await symlink('../.env', path.join(knowledge, 'notes.txt'));
    await symlink('/etc/passwd', path.join(knowledge, 'passwd.txt'));

    expect((await loadKnowledge(knowledge)).map((a) => a.file)).toEqual(['harbour.md']);
    const { articles, skipped } = await loadKnowledgeFolder(knowledge);
    expect(JSON.stringify(articles)).not.toContain('abcdefghijklmnopqrstuvwxyz');
    expect(reasonFor(skipped, 'notes.txt')).toMatch(/symbolic link .*outside the knowledge folder/);
    expect(reasonFor(skipped, 'passwd.txt')).toMatch(/symbolic link .*outside the knowledge folder/);
  });

  it('skips a symlink to a file inside the folder too, so no article is read twice', async () => {
    const dir = await folder({ 'harbour.md': GOOD });
    await symlink('harbour.md', path.join(dir, 'copy.md'));
    const { articles, skipped } = await loadKnowledgeFolder(dir);
    expect(articles.map((a) => a.file)).toEqual(['harbour.md']);
    expect(reasonFor(skipped, 'copy.md')).toMatch(/symbolic link to harbour\.md/);
  });

  it('reads the articles of a folder that is itself reached through a symlink', async () => {
    const root = await folder({});
    await mkdir(path.join(root, 'real'));
    await writeFile(path.join(root, 'real', 'harbour.md'), GOOD);
    await symlink('real', path.join(root, 'linked'));
    const { articles, skipped } = await loadKnowledgeFolder(path.join(root, 'linked'));
    expect(articles.map((a) => a.file)).toEqual(['harbour.md']);
    expect(skipped).toEqual([]);
  });

  it('does not block on a FIFO named like an article, and lists it', async () => {
    const dir = await folder({ 'harbour.md': GOOD });
    execFileSync('mkfifo', [path.join(dir, 'pipe.md')]);
    const { articles, skipped } = await loadKnowledgeFolder(dir);
    expect(articles).toHaveLength(1);
    expect(reasonFor(skipped, 'pipe.md')).toMatch(/FIFO/);
  });

  it('lists subfolders, symlinked folders, other extensions, hidden files and READMEs with a reason each', async () => {
    const dir = await folder({
      'harbour.md': GOOD,
      'harbour.md.bak': GOOD,
      '.draft.md': GOOD,
      'README.md': '# notes',
    });
    await mkdir(path.join(dir, 'archive'));
    await writeFile(path.join(dir, 'archive', 'old.md'), GOOD);
    await symlink('archive', path.join(dir, 'linked-archive'));
    const { articles, skipped } = await loadKnowledgeFolder(dir);
    expect(articles.map((a) => a.file)).toEqual(['harbour.md']);
    expect(skipped.map((s) => s.file)).toEqual([
      '.draft.md',
      'README.md',
      'archive',
      'harbour.md.bak',
      'linked-archive',
    ]);
    expect(reasonFor(skipped, '.draft.md')).toMatch(/hidden/);
    expect(reasonFor(skipped, 'README.md')).toMatch(/README/);
    expect(reasonFor(skipped, 'archive')).toMatch(/is a folder/);
    expect(reasonFor(skipped, 'harbour.md.bak')).toMatch(/\.md, \.markdown or \.txt/);
    expect(reasonFor(skipped, 'linked-archive')).toMatch(/symbolic link to archive/);
  });
});

// An entry listed as a regular file can be swapped for a link or a FIFO before it is opened.
describe('readRegularFile: an entry swapped after the listing', () => {
  it('returns the bytes of a regular file, with its stamp', async () => {
    const dir = await folder({ 'harbour.md': GOOD });
    expect(await readRegularFile(path.join(dir, 'harbour.md'))).toEqual({
      bytes: Buffer.from(GOOD),
      stamp: expect.any(String),
    });
  });

  it('does not read a file again while its stamp is the one known, and does once it changes', async () => {
    const file = path.join(await folder({ 'harbour.md': GOOD }), 'harbour.md');
    const read = await readRegularFile(file);
    const stamp = 'stamp' in read ? read.stamp : '';
    expect(await readRegularFile(file, stamp)).toEqual({ unchanged: stamp });
    await writeFile(file, GOOD);
    expect(await readRegularFile(file, stamp)).toEqual({
      bytes: Buffer.from(GOOD),
      stamp: expect.not.stringMatching(`^${stamp}$`),
    });
  });

  it('refuses to follow a symbolic link, even to a readable file', async () => {
    const dir = await folder({ 'secret.env': 'DISCORD_TOKEN=x' });
    await symlink(path.join(dir, 'secret.env'), path.join(dir, 'notes.txt'));
    expect(await readRegularFile(path.join(dir, 'notes.txt'))).toEqual({
      skip: expect.stringMatching(/symbolic link/),
    });
  });

  it('returns at once for a FIFO with no writer, instead of waiting', async () => {
    const dir = await folder({});
    execFileSync('mkfifo', [path.join(dir, 'pipe.md')]);
    expect(await readRegularFile(path.join(dir, 'pipe.md'))).toEqual({
      skip: 'is a FIFO (named pipe), not a regular file',
    });
  });
});
