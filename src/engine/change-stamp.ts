import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../logger.js';

/**
 * How often a sharding manager looks at the change stamp. Polling, not fs.watch: fs.watch does not see
 * writes made by another machine on NFS or SMB, and an atomic replace (rename) can drop its events. Reading
 * a file of a hundred bytes once a second costs nothing, and a change reaches every machine within about
 * this long plus the reload itself.
 */
export const STAMP_POLL_MS = 1_000;

/** The last change to the shared knowledge folder: which index it led to, where and when. */
export interface ChangeStamp {
  /** The index version the changed folder gave (see indexVersion). */
  version: string;
  /** Who wrote it (`host:pid`), so a manager ignores its own stamps. */
  origin: string;
  /** ISO time of the change. */
  at: string;
}

/**
 * The stamp of one knowledge folder: in the cache folder, which machines share as they share the knowledge
 * folder, named by the folder's absolute path like the quote analyses (so every machine must mount it at
 * the same path). Not in the knowledge folder itself, whose every entry the loader reads or lists as skipped.
 */
export function changeStampFile(cacheDir: string, knowledgeDir: string): string {
  const folder = path.resolve(knowledgeDir);
  const name = createHash('sha256').update(folder).digest('hex').slice(0, 12);
  return path.join(cacheDir, 'changes', `${name}.json`);
}

/** Writes the stamp atomically (temp file + rename): a reader on any machine sees the old stamp or the new. */
export async function writeChangeStamp(file: string, stamp: ChangeStamp): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${randomUUID()}.tmp`;
  try {
    await writeFile(temp, `${JSON.stringify(stamp)}\n`);
    await rename(temp, file);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}

/** The stamp as it is now; undefined when there is none yet or it is not one. */
export async function readChangeStamp(file: string): Promise<ChangeStamp | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const value = JSON.parse(text) as Partial<ChangeStamp>;
    if (typeof value.version !== 'string' || typeof value.origin !== 'string' || typeof value.at !== 'string')
      return undefined;
    return { version: value.version, origin: value.origin, at: value.at };
  } catch {
    return undefined;
  }
}

/**
 * Calls `onChange` for every stamp written after the watch started (the stamp found at the start is
 * the state this process already loaded). A stamp equal to the last one seen is no change; `onChange`
 * runs for one stamp at a time, and its errors are logged.
 */
export function watchChangeStamp(
  file: string,
  onChange: (stamp: ChangeStamp) => Promise<void> | void,
  { logger, intervalMs = STAMP_POLL_MS }: { logger: Logger; intervalMs?: number },
): { close(): void } {
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let last: string | undefined;
  const key = (stamp: ChangeStamp | undefined) =>
    stamp ? `${stamp.origin} ${stamp.at} ${stamp.version}` : '';
  const poll = async (first: boolean) => {
    const stamp = await readChangeStamp(file);
    const seen = key(stamp);
    if (!first && stamp && seen !== last) {
      last = seen;
      try {
        await onChange(stamp);
      } catch (err) {
        logger.error({ err, stamp }, 'could not follow a change to the knowledge folder');
      }
    }
    last = seen || last;
    // One poll at a time, however long onChange takes.
    if (!closed) timer = setTimeout(() => void poll(false), intervalMs);
  };
  void poll(true);
  return {
    close() {
      closed = true;
      clearTimeout(timer);
    },
  };
}
