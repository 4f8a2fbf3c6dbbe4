import { hostname } from 'node:os';
import { mkdir, open, rm, stat, utimes } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../logger.js';

/** The holder touches the lock this often, so that a live holder's lock never looks abandoned. */
const HEARTBEAT_MS = 5_000;
/** A lock untouched for this long was left by a process that died (a crash, a machine gone): taken over. */
const STALE_MS = 30_000;
/** How often a waiting process looks again. */
const WAIT_POLL_MS = 250;

/**
 * Runs `build` while holding the lock file `dir/build.lock`, so that of the processes sharing a cache
 * folder (shards, and managers on other machines over shared storage) one embeds and analyses new
 * articles while the others wait, and then find the results in the caches instead of computing them again.
 * The lock is a file created exclusively (O_EXCL, atomic on local disks and NFSv3+), holding its owner for
 * whoever looks; its holder refreshes its time every few seconds, and a lock left unrefreshed for
 * STALE_MS is taken over, so a crash never blocks the rest for good. Two processes taking over the same
 * abandoned lock at once may both build: that costs time, never correctness, as every cache file is
 * replaced atomically.
 */
export async function withBuildLock<T>(dir: string, logger: Logger, build: () => Promise<T>): Promise<T> {
  const file = path.join(dir, 'build.lock');
  await mkdir(dir, { recursive: true });
  const started = Date.now();
  let waiting = false;
  for (;;) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(`${hostname()}:${process.pid} ${new Date().toISOString()}\n`);
      await handle.close();
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const age = await stat(file).then(
      (s) => Date.now() - s.mtimeMs,
      () => 0,
    );
    if (age > STALE_MS) {
      logger.warn({ file, ageMs: Math.round(age) }, 'build lock abandoned by its holder: taking it over');
      await rm(file, { force: true });
      continue;
    }
    if (!waiting) logger.info({ file }, 'another process is building the shared caches: waiting for it');
    waiting = true;
    await new Promise((resolve) => setTimeout(resolve, WAIT_POLL_MS));
  }
  if (waiting) logger.info({ waitedMs: Date.now() - started }, 'build lock taken');
  const heartbeat = setInterval(() => {
    const now = new Date();
    utimes(file, now, now).catch(() => undefined);
  }, HEARTBEAT_MS);
  heartbeat.unref();
  try {
    return await build();
  } finally {
    clearInterval(heartbeat);
    await rm(file, { force: true });
  }
}
