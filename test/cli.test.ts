import { execFile, execFileSync } from 'node:child_process';
import { chmod, cp, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeedbackStore } from '../src/feedback/feedback-store.js';

// The CLI as a user runs it: a separate process, configured only through the environment.
const TSX = path.resolve('node_modules/.bin/tsx');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(args: string[], options: { env?: Record<string, string>; input?: string } = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      TSX,
      ['src/cli.ts', ...args],
      {
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '',
          LOG_LEVEL: 'warn',
          ...options.env,
        },
        timeout: 120_000,
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin?.end(options.input ?? '');
  });
}

let brokenDir: string;
beforeAll(async () => {
  brokenDir = await mkdtemp(path.join(tmpdir(), 'broken-knowledge-'));
  await writeFile(path.join(brokenDir, 'no-front-matter.md'), 'Just a paragraph.');
});
afterAll(async () => rm(brokenDir, { recursive: true, force: true }));

describe('cli ask', { timeout: 180_000 }, () => {
  it('prints exactly one JSON object following the contract, citing the Spicer paragraph', async () => {
    const run = await cli(['ask', '--json', 'What did Spicer say?']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const result = JSON.parse(lines[0]!);
    expect(Object.keys(result).sort()).toEqual(['answer', 'citations', 'declined', 'parts', 'question']);
    expect(result.declined).toBe(false);
    expect(result.citations[0]).toEqual({
      id: 'trump-kim-honoured#14',
      doc: 'trump-kim-honoured',
      title: 'Trump says he would be ‘honoured’ to meet North Korean leader',
      paragraph: 14,
      text: expect.stringContaining('conditions are not there right now'),
      score: expect.any(Number),
    });
  });

  it('answers one question per standard-input line with one JSON line each', async () => {
    const run = await cli(['ask', '--json', '-'], {
      input: 'What did Spicer say?\n\nWhat is the best pizza topping?\n',
    });
    expect(run.code).toBe(0);
    const results = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(results.map((r) => [r.question, r.declined])).toEqual([
      ['What did Spicer say?', false],
      ['What is the best pizza topping?', true],
    ]);
  });

  it('prints the answer and each cited paragraph for people', async () => {
    const run = await cli(['ask', 'What did Spicer say?']);
    expect(run.stdout).toContain('[¶14]');
    expect(run.stdout).toContain(
      '[trump-kim-honoured#14] Trump says he would be ‘honoured’ to meet North Korean leader',
    );
  });

  it('exits 2 with the reason on standard error for a bad question', async () => {
    const run = await cli(['ask', '   ']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/Please type a question/);
  });

  it('exits 2 naming the file when the knowledge folder holds a broken file', async () => {
    const run = await cli(['ask', 'What happened?'], { env: { KNOWLEDGE_DIR: brokenDir } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no-front-matter.md: has no front matter');
  });

  it('exits 2 for an unknown command or option, showing the usage', async () => {
    expect((await cli(['summarise'])).code).toBe(2);
    const run = await cli(['ask', '--jsn', 'x']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/jsn/);
  });

  it('exits 2 naming the variable when the configuration is invalid', async () => {
    const run = await cli(['ask', 'x'], { env: { LOG_LEVEL: 'loud' } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('LOG_LEVEL');
  });
});

describe('cli quote and sources', { timeout: 180_000 }, () => {
  it('prints the quote contract for a speaker found by surname', async () => {
    const run = await cli(['quote', '--json', 'spicer']);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(Object.keys(result).sort()).toEqual(['mentioned', 'query', 'quotes', 'speaker', 'suggestions']);
    expect(result.speaker).toBe('Sean Spicer');
    expect(result.quotes[0]).toMatchObject({
      text: 'conditions are not there right now',
      id: 'trump-kim-honoured#14',
      paragraph: 14,
    });
  });

  it('lists the loaded articles', async () => {
    const run = await cli(['sources', '--json']);
    expect(JSON.parse(run.stdout).articles[0]).toMatchObject({ slug: 'trump-kim-honoured', paragraphs: 14 });
  });

  it('checks the knowledge folder for CI', async () => {
    expect((await cli(['check'])).stdout).toContain('1 article(s), 14 paragraphs, all valid');
    expect((await cli(['check'], { env: { KNOWLEDGE_DIR: brokenDir } })).code).toBe(2);
  });
});

describe('cli and entries of the knowledge folder that are not articles', { timeout: 180_000 }, () => {
  const SECRET = 'DISCORD_TOKEN=abcdefghijklmnopqrstuvwxyz0123456789';
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'cli-skipped-'));
    await writeFile(path.join(root, '.env'), `${SECRET}\n`);
    await cp('knowledge', path.join(root, 'knowledge'), { recursive: true });
    await symlink('../.env', path.join(root, 'knowledge', 'notes.txt'));
    // Its own cache folder, sharing only the built model, so the runs leave nothing in the project's cache.
    await mkdir(path.join(root, 'cache'));
    await symlink(path.resolve('.cache/models'), path.join(root, 'cache', 'models'));
  });
  afterAll(async () => rm(root, { recursive: true, force: true }));

  it('never answers from a symlink to a file outside the folder, and warns that it was skipped', async () => {
    const run = await cli(['ask', '--json', 'What is the discord token?'], {
      env: { KNOWLEDGE_DIR: path.join(root, 'knowledge'), MODEL_CACHE_DIR: path.join(root, 'cache') },
    });
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('abcdefghijklmnopqrstuvwxyz');
    const { citations } = JSON.parse(run.stdout) as { citations: { doc: string }[] };
    expect(citations.map((c) => c.doc)).not.toContain('notes');
    expect(run.stderr).toContain('knowledge folder: entries skipped');
    expect(run.stderr).toContain('notes.txt');
  });

  it('check lists a subfolder, an .md.bak file, a FIFO and a symlink out of the folder, each with its reason', async () => {
    const dir = await mkdtemp(path.join(root, 'check-'));
    await cp('knowledge', dir, { recursive: true });
    await mkdir(path.join(dir, 'archive'));
    await writeFile(path.join(dir, 'old.md.bak'), 'an old copy');
    execFileSync('mkfifo', [path.join(dir, 'pipe.md')]);
    await symlink('/etc/passwd', path.join(dir, 'passwd.txt'));

    const run = await cli(['check'], { env: { KNOWLEDGE_DIR: dir } });
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')).toEqual([
      `${dir}: 1 article(s), 14 paragraphs, all valid`,
      'Skipped 4 entries, not read as articles:',
      '  archive: is a folder; subfolders are not read',
      '  old.md.bak: does not end in .md, .markdown or .txt',
      '  passwd.txt: is a symbolic link to /etc/passwd, outside the knowledge folder; only regular files are read',
      '  pipe.md: is a FIFO (named pipe), not a regular file',
      '',
    ]);
  });
});

describe('cli with a cache folder it cannot write', { timeout: 180_000 }, () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'cli-cache-'));
  });
  afterAll(async () => rm(root, { recursive: true, force: true }));

  /**
   * A cache folder that cannot be written: a read-only folder, or, when permission bits do not stop this
   * process (root), a path under a regular file, which cannot be created at all.
   */
  async function unwritableCacheDir(): Promise<string> {
    const readOnly = path.join(root, 'read-only');
    await mkdir(readOnly);
    await chmod(readOnly, 0o555);
    try {
      await writeFile(path.join(readOnly, 'probe'), '');
    } catch {
      return readOnly;
    }
    const file = path.join(root, 'a-file');
    await writeFile(file, '');
    return path.join(file, 'cache');
  }

  it('exits 2 naming MODEL_CACHE_DIR and the folder, without a stack', async () => {
    const cacheDir = await unwritableCacheDir();
    const run = await cli(['ask', 'What did Spicer say?'], { env: { MODEL_CACHE_DIR: cacheDir } });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('MODEL_CACHE_DIR');
    expect(run.stderr).toContain(cacheDir);
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });
});

describe('cli feedback', { timeout: 60_000 }, () => {
  let root: string;
  let dir: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'cli-feedback-'));
    dir = path.join(root, 'feedback');
    // Written by the real store, as the bot writes them.
    const store = new FeedbackStore(dir);
    const spicer = { question: 'What did Spicer say?', citations: ['trump-kim-honoured#14'] };
    await store.record({
      ...spicer,
      vote: 'up',
      memberId: '100000000000000001',
      guildId: '900000000000000009',
    });
    await store.record({ ...spicer, vote: 'down', memberId: '100000000000000001' }); // changed their mind
    await store.record({
      ...spicer,
      question: 'what did spicer say',
      vote: 'down',
      memberId: '100000000000000002',
    });
    await store.record({
      question: 'Best pizza?',
      citations: [],
      vote: 'down',
      memberId: '100000000000000002',
    });
    await store.record({
      question: 'Who is Jenny Town?',
      citations: ['t#3'],
      vote: 'up',
      memberId: '100000000000000003',
    });
  });
  afterAll(async () => rm(root, { recursive: true, force: true }));

  it('prints the totals, counting a changed vote once, and the most down-voted questions', async () => {
    const run = await cli(['feedback'], { env: { FEEDBACK_DIR: dir } });
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')).toEqual([
      `Feedback in ${dir}: 4 vote(s) from 3 member(s): 1 up, 3 down.`,
      '1 earlier vote(s) not counted: the member voted again on the same answer.',
      '',
      'Most down-voted questions:',
      '1. 2 down, 0 up: what did spicer say',
      '   cited: trump-kim-honoured#14',
      '2. 1 down, 0 up: Best pizza?',
      '   cited: nothing (declined)',
      '',
    ]);
  });

  it('prints the summary as one JSON object with --json', async () => {
    const run = await cli(['feedback', '--json'], { env: { FEEDBACK_DIR: dir } });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      dir,
      skipped: 0,
      votes: 4,
      up: 1,
      down: 3,
      superseded: 1,
      members: 3,
      mostDownVoted: [
        { question: 'what did spicer say', up: 0, down: 2, citations: ['trump-kim-honoured#14'] },
        { question: 'Best pizza?', up: 0, down: 1, citations: [] },
      ],
    });
  });

  it('says there is no feedback yet, exiting 0, for an empty or missing folder', async () => {
    const empty = await mkdtemp(path.join(root, 'empty-'));
    for (const folder of [empty, path.join(root, 'missing')]) {
      const run = await cli(['feedback'], { env: { FEEDBACK_DIR: folder } });
      expect(run).toEqual({ code: 0, stdout: `No feedback recorded yet in ${folder}.\n`, stderr: '' });
    }
    const json = await cli(['feedback', '--json'], { env: { FEEDBACK_DIR: empty } });
    expect(JSON.parse(json.stdout)).toMatchObject({ dir: empty, votes: 0, mostDownVoted: [] });
  });

  it('exits 2 naming FEEDBACK_DIR when the folder cannot be read', async () => {
    const file = path.join(root, 'a-file');
    await writeFile(file, '');
    const run = await cli(['feedback'], { env: { FEEDBACK_DIR: file } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`FEEDBACK_DIR: cannot read the feedback in ${file} (ENOTDIR)`);
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });
});
