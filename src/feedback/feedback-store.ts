import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { appendFile, link, mkdir, open, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

/** The votes, one JSON line each, oldest first; append-only, so nothing written is ever rewritten. */
export const FEEDBACK_FILE = 'feedback.jsonl';
/** The folder's random salt for member hashes: created once, readable by this user only. */
export const SALT_FILE = 'member-salt';

/**
 * Longer questions are cut to this many characters. `/ask` refuses questions over 300, so a real one is
 * never cut: the cap only keeps a line short whatever a caller passes, so each stays one small write.
 */
export const MAX_QUESTION_CHARS = 500;
/** More citations than any answer has; a bound for the same reason as the question's. */
export const MAX_CITATIONS = 20;
/** Hex characters of sha256(salt + member id) kept: 64 bits, ample to tell a server's members apart. */
const MEMBER_HASH_CHARS = 16;
const SALT_PATTERN = /^[0-9a-f]{64}$/u;

const voteSchema = z.enum(['up', 'down']);
export type Vote = z.infer<typeof voteSchema>;

const recordSchema = z.object({
  at: z.iso.datetime(),
  vote: voteSchema,
  question: z.string(),
  citations: z.array(z.string()),
  member: z.string().regex(/^[0-9a-f]{16}$/u),
  guild: z.string().optional(),
});

/**
 * One 👍/👎 on one answer, as stored. `member` is a salted hash of the Discord user id, so votes can be
 * counted per member without the file holding anyone's id; `guild` (the server id) is not personal and is
 * kept as is.
 */
export type FeedbackRecord = z.infer<typeof recordSchema>;

const inputSchema = z.object({
  vote: voteSchema,
  question: z.string(),
  /** The answer's citation ids (`slug#3`), in answer order. */
  citations: z.array(z.string()),
  memberId: z.string().min(1),
  guildId: z.string().min(1).optional(),
});
/** What the Discord side knows when a member presses a button. */
export type FeedbackInput = z.input<typeof inputSchema>;

/**
 * Appends members' votes to `FEEDBACK_FILE` in one folder. Every vote is kept, including a member's second
 * vote on the same answer; `summariseFeedback` counts only the latest per member and answer.
 */
export class FeedbackStore {
  /** Folder, salt and torn-line repair, done once per store and shared by records made meanwhile. */
  private ready: Promise<string> | undefined;

  constructor(readonly dir: string) {}

  /**
   * Appends one vote as one JSON line, creating the folder (and its salt) on first use. The line goes out
   * in a single `appendFile` (O_APPEND) write, so records made at the same time, by this process or
   * another, land whole, one after another, never interleaved. Throws on a malformed input or an I/O error.
   */
  async record(input: FeedbackInput): Promise<void> {
    const { vote, question, citations, memberId, guildId } = inputSchema.parse(input);
    this.ready ??= this.prepare();
    // A failed preparation (a folder not writable yet) is tried again on the next vote, not kept forever.
    const salt = await this.ready.catch((err: unknown) => {
      this.ready = undefined;
      throw err;
    });
    const record: FeedbackRecord = {
      at: new Date().toISOString(),
      vote,
      // Cut by code points, so a cut never splits an emoji's surrogate pair into invalid text.
      question: Array.from(question.trim()).slice(0, MAX_QUESTION_CHARS).join(''),
      citations: citations.slice(0, MAX_CITATIONS),
      member: hashMember(salt, memberId),
      ...(guildId === undefined ? {} : { guild: guildId }),
    };
    // JSON.stringify escapes every line break (\n, \r) inside strings, so the record is exactly one line.
    await appendFile(path.join(this.dir, FEEDBACK_FILE), `${JSON.stringify(record)}\n`, {
      encoding: 'utf8',
      mode: 0o600,
    });
  }

  private async prepare(): Promise<string> {
    // Votes tie questions to (hashed) members: user data, kept from other users of the machine.
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const salt = await loadOrCreateSalt(this.dir);
    await endTornLine(path.join(this.dir, FEEDBACK_FILE));
    return salt;
  }
}

/** The first 16 hex characters of sha256(salt + id): the same member always gets the same hash in a folder. */
function hashMember(salt: string, memberId: string): string {
  return createHash('sha256')
    .update(salt + memberId)
    .digest('hex')
    .slice(0, MEMBER_HASH_CHARS);
}

/**
 * The folder's salt, made on first use. It is written to a temporary file and hard-linked into place:
 * linking fails if the name exists, so when two processes race, exactly one salt wins, both use it, and
 * no one ever reads a half-written file. A salt that is there but malformed is an error, never replaced:
 * a new salt would silently split every member's old votes from their new ones.
 */
async function loadOrCreateSalt(dir: string): Promise<string> {
  const file = path.join(dir, SALT_FILE);
  const existing = await readSalt(file);
  if (existing !== undefined) return existing;
  const temp = path.join(dir, `${SALT_FILE}.${randomUUID()}.tmp`);
  await writeFile(temp, randomBytes(32).toString('hex'), { flag: 'wx', mode: 0o600 });
  try {
    await link(temp, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    await rm(temp, { force: true });
  }
  const salt = await readSalt(file);
  if (salt === undefined) throw new Error(`${file} vanished while it was being created`);
  return salt;
}

async function readSalt(file: string): Promise<string | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  const salt = text.trim();
  if (!SALT_PATTERN.test(salt)) {
    throw new Error(
      `${file} is not a feedback salt (64 hex characters); restore it from a backup, or delete it to ` +
        `start a new one (members' earlier votes will then count as other members')`,
    );
  }
  return salt;
}

/**
 * Ends a torn last line (a write cut short by a crash) with a newline, so the torn line stays one malformed
 * line that readers skip, instead of swallowing the next vote appended onto it.
 */
async function endTornLine(file: string): Promise<void> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  let torn = false;
  try {
    const { size } = await handle.stat();
    if (size > 0) {
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, size - 1);
      torn = last[0] !== 0x0a;
    }
  } finally {
    await handle.close();
  }
  if (torn) await appendFile(file, '\n');
}

/** The votes in a folder, and how many lines could not be read. */
export interface FeedbackFile {
  /** In file order, which is the order they were recorded in. */
  records: FeedbackRecord[];
  /** Lines that are not a whole, well-formed record (a torn write after a crash, a bad hand edit). */
  skipped: number;
}

/**
 * Reads `FEEDBACK_FILE` in `dir` line by line. A malformed line is skipped and counted, never fatal; a
 * missing folder or file is no feedback yet. Other I/O errors (permissions, `dir` being a file) are thrown.
 */
export async function readFeedback(dir: string): Promise<FeedbackFile> {
  let handle;
  try {
    handle = await open(path.join(dir, FEEDBACK_FILE), 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], skipped: 0 };
    throw err;
  }
  const records: FeedbackRecord[] = [];
  let skipped = 0;
  try {
    // Line by line, so a large file is never held whole in memory.
    for await (const line of handle.readLines({ encoding: 'utf8' })) {
      if (line.trim() === '') continue;
      const parsed = recordSchema.safeParse(parseJson(line));
      if (parsed.success) records.push(parsed.data);
      else skipped += 1;
    }
  } finally {
    await handle.close();
  }
  return { records, skipped };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
