import { execFile } from 'node:child_process';
import { appendFile, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  FEEDBACK_FILE,
  FeedbackStore,
  MAX_QUESTION_CHARS,
  readFeedback,
  SALT_FILE,
} from '../../src/feedback/feedback-store.js';

// Real folders under the system temp dir, one per test: the store's whole job is what lands on disk.
let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'feedback-store-'));
});
afterEach(async () => rm(root, { recursive: true, force: true }));

const MEMBER = '123456789012345678';
const OTHER_MEMBER = '876543210987654321';
const vote = (overrides: Partial<Parameters<FeedbackStore['record']>[0]> = {}) => ({
  vote: 'up' as const,
  question: 'What did Spicer say?',
  citations: ['trump-kim-honoured#14', 'trump-kim-honoured#3'],
  memberId: MEMBER,
  ...overrides,
});

/** Every file the store left in `dir`, as text: what someone reading the folder would see. */
async function folderText(dir: string): Promise<string> {
  const names = await readdir(dir);
  return (await Promise.all(names.map((n) => readFile(path.join(dir, n), 'utf8')))).join('\n');
}

describe('FeedbackStore and readFeedback', () => {
  it('records votes that read back in order, creating the folder', async () => {
    const dir = path.join(root, 'nested', 'feedback');
    const store = new FeedbackStore(dir);
    const before = Date.now();
    await store.record(vote({ guildId: '111111111111111111' }));
    await store.record(vote({ vote: 'down', question: '  Who is Sarah Margon?\n', citations: [] }));

    const { records, skipped } = await readFeedback(dir);
    expect(skipped).toBe(0);
    expect(records).toEqual([
      {
        at: expect.any(String),
        vote: 'up',
        question: 'What did Spicer say?',
        citations: ['trump-kim-honoured#14', 'trump-kim-honoured#3'],
        member: expect.stringMatching(/^[0-9a-f]{16}$/),
        guild: '111111111111111111',
      },
      // Trimmed, and without a guild key at all when none was given.
      {
        at: expect.any(String),
        vote: 'down',
        question: 'Who is Sarah Margon?',
        citations: [],
        member: records[0]!.member,
      },
    ]);
    expect(Date.parse(records[0]!.at)).toBeGreaterThanOrEqual(before - 1);
    const lines = (await readFile(path.join(dir, FEEDBACK_FILE), 'utf8')).split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
  });

  it('reads a missing folder as no feedback', async () => {
    expect(await readFeedback(path.join(root, 'never-made'))).toEqual({ records: [], skipped: 0 });
  });

  it('hashes members: one hash per member, different members differ, the raw id is in no file', async () => {
    const dir = path.join(root, 'fb');
    await new FeedbackStore(dir).record(vote());
    // A second store on the same folder (the bot restarted) reuses the folder's salt.
    await new FeedbackStore(dir).record(vote({ vote: 'down' }));
    await new FeedbackStore(dir).record(vote({ memberId: OTHER_MEMBER }));

    const [a, b, c] = (await readFeedback(dir)).records.map((r) => r.member);
    expect(a).toBe(b);
    expect(c).not.toBe(a);
    const text = await folderText(dir);
    expect(text).not.toContain(MEMBER);
    expect(text).not.toContain(OTHER_MEMBER);
  });

  it('salts each folder: the same member hashes differently in another folder', async () => {
    await new FeedbackStore(path.join(root, 'a')).record(vote());
    await new FeedbackStore(path.join(root, 'b')).record(vote());
    const [a] = (await readFeedback(path.join(root, 'a'))).records;
    const [b] = (await readFeedback(path.join(root, 'b'))).records;
    expect(a!.member).not.toBe(b!.member);
  });

  it('creates the salt once, readable by its owner only, even when stores race to create it', async () => {
    const dir = path.join(root, 'fb');
    // Separate stores share no in-memory salt: each must find or make the file itself.
    await Promise.all(Array.from({ length: 20 }, () => new FeedbackStore(dir).record(vote())));
    const members = new Set((await readFeedback(dir)).records.map((r) => r.member));
    expect(members.size).toBe(1);
    expect((await stat(path.join(dir, SALT_FILE))).mode & 0o777).toBe(0o600);
    // No temporary salt files left behind by the losers of the race.
    expect((await readdir(dir)).sort()).toEqual([FEEDBACK_FILE, SALT_FILE]);
  });

  it('refuses a damaged salt rather than replacing it, which would split members from their old votes', async () => {
    const dir = path.join(root, 'fb');
    await new FeedbackStore(dir).record(vote());
    await writeFile(path.join(dir, SALT_FILE), 'not hex');
    await expect(new FeedbackStore(dir).record(vote())).rejects.toThrow(/is not a feedback salt/);
    expect(await readFile(path.join(dir, SALT_FILE), 'utf8')).toBe('not hex');
  });

  it('keeps all of 200 votes recorded at once, each a whole line', async () => {
    const dir = path.join(root, 'fb');
    const store = new FeedbackStore(dir);
    // Long, multi-byte lines, so interleaved or partial writes would show as broken JSON.
    const question = (i: number) => `${i} ${'é🗞'.repeat(150)}`;
    await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        store.record(vote({ question: question(i), memberId: `${1000 + i}`, vote: i % 2 ? 'up' : 'down' })),
      ),
    );
    const { records, skipped } = await readFeedback(dir);
    expect(skipped).toBe(0);
    expect(records).toHaveLength(200);
    const numbers = records.map((r) => Number(r.question.split(' ')[0])).sort((x, y) => x - y);
    expect(numbers).toEqual(Array.from({ length: 200 }, (_, i) => i));
    expect(new Set(records.map((r) => r.member)).size).toBe(200);
  });

  it('keeps all votes when two processes record at once', async () => {
    const dir = path.join(root, 'fb');
    // Another process appending to the same file (a CLI tool, a second bot by mistake): O_APPEND keeps
    // each line whole across processes too.
    const script = path.join(root, 'record-100.mts');
    await writeFile(
      script,
      `import { FeedbackStore } from ${JSON.stringify(path.resolve('src/feedback/feedback-store.ts'))};
      const [dir, tag] = process.argv.slice(2);
      const store = new FeedbackStore(dir);
      await Promise.all(Array.from({ length: 100 }, (_, i) => store.record({
        vote: 'up', question: tag + i + 'x'.repeat(400), citations: ['a#1'], memberId: String(i) })));`,
    );
    const run = (tag: string) =>
      promisify(execFile)(path.resolve('node_modules/.bin/tsx'), [script, dir, tag], { timeout: 60_000 });
    await Promise.all([run('p'), run('q')]);
    const { records, skipped } = await readFeedback(dir);
    expect(skipped).toBe(0);
    expect(records).toHaveLength(200);
    // Both processes used one salt: member "7" of either process is the same member.
    expect(new Set(records.map((r) => r.member)).size).toBe(100);
  });

  it('cuts an over-long question to MAX_QUESTION_CHARS characters without splitting an emoji', async () => {
    const dir = path.join(root, 'fb');
    await new FeedbackStore(dir).record(vote({ question: '🗞'.repeat(MAX_QUESTION_CHARS + 50) }));
    const [record] = (await readFeedback(dir)).records;
    expect(Array.from(record!.question)).toHaveLength(MAX_QUESTION_CHARS);
    expect(record!.question).toBe('🗞'.repeat(MAX_QUESTION_CHARS));
  });

  it('keeps a question with line breaks on one line', async () => {
    const dir = path.join(root, 'fb');
    await new FeedbackStore(dir).record(vote({ question: 'first\nsecond\r\nthird' }));
    expect((await readFile(path.join(dir, FEEDBACK_FILE), 'utf8')).trimEnd().split('\n')).toHaveLength(1);
    expect((await readFeedback(dir)).records[0]!.question).toBe('first\nsecond\r\nthird');
  });

  it('refuses a malformed vote without writing anything', async () => {
    const dir = path.join(root, 'fb');
    const store = new FeedbackStore(dir);
    await expect(store.record({ ...vote(), vote: 'sideways' as 'up' })).rejects.toThrow();
    await expect(store.record(vote({ memberId: '' }))).rejects.toThrow();
    expect(await readFeedback(dir)).toEqual({ records: [], skipped: 0 });
  });

  it('skips and counts a torn last line and malformed lines, and a later vote is not lost to the torn line', async () => {
    const dir = path.join(root, 'fb');
    await new FeedbackStore(dir).record(vote());
    const file = path.join(dir, FEEDBACK_FILE);
    // A line of the wrong shape, then a write cut short by a crash: no closing brace, no newline.
    await appendFile(file, '{"at":"yesterday","vote":"up"}\n{"at":"2024-05-01T10:00:00.000Z","vote":"do');
    expect(await readFeedback(dir)).toMatchObject({ records: [{ vote: 'up' }], skipped: 2 });

    // The bot restarts and records again: the new vote gets its own line instead of joining the torn one.
    await new FeedbackStore(dir).record(vote({ vote: 'down' }));
    const { records, skipped } = await readFeedback(dir);
    expect(records.map((r) => r.vote)).toEqual(['up', 'down']);
    expect(skipped).toBe(2);
  });
});
