import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Library } from '../engine/library.js';
import { KnowledgeError } from '../errors.js';
import { asShardMessage, type ShardMessage, type ShardState } from './shard-messages.js';

/** How often a shard checks whether its readiness changed (it tells its manager only when it did). */
const STATUS_CHECK_MS = 500;
/** How long a shard that announced a change waits to hear that the others have it too. */
const SYNC_WAIT_MS = 30_000;

/** A shard process's side of the channel to its sharding manager. */
export interface ShardLink {
  /**
   * Tells the manager this shard changed the knowledge (after a reload here, caches saved), and resolves
   * with where each shard of this machine stands once all answer from `version`, or when the wait runs
   * out (undefined if the manager never answered).
   */
  announce(version: string): Promise<ShardState[] | undefined>;
  /** Sends the current status at once (after a reload, or when shutdown starts). */
  report(): void;
  close(): void;
}

/**
 * Connects a shard process (one discord.js's ShardingManager forked) to its manager: reports readiness
 * and index version as they change, reloads `library` when the manager says another shard or machine
 * changed the knowledge, and carries this shard's own changes out. A reload asked for by the manager is
 * a follower's: it reads what the announcing process saved in the shared caches and announces nothing.
 */
export function connectShard({
  library,
  isReady,
  logger,
}: {
  library: Pick<Library, 'reload' | 'version'>;
  isReady: () => boolean;
  logger: Logger;
}): ShardLink {
  const send = (message: ShardMessage) => {
    // The channel closes when the manager goes; main.ts shuts the shard down then.
    if (process.connected) process.send?.(message);
  };
  let last = '';
  const report = () => {
    const status = { kind: 'news-bot:status', ready: isReady(), version: library.version } as const;
    const key = JSON.stringify(status);
    if (key === last) return;
    last = key;
    send(status);
  };
  const waiting = new Map<string, (shards: ShardState[]) => void>();

  const onMessage = (raw: unknown) => {
    const message = asShardMessage(raw);
    if (message?.kind === 'news-bot:synced') waiting.get(message.request)?.(message.shards);
    if (message?.kind !== 'news-bot:reload') return;
    logger.info('knowledge changed elsewhere: reloading from the shared folder');
    library.reload({ caches: 'saved elsewhere' }).then(
      () => report(),
      (err: unknown) => {
        // A broken file keeps the previous index here, as on the shard where it was found.
        if (err instanceof KnowledgeError)
          logger.warn({ problems: err.problems }, 'reload failed; previous index kept');
        else logger.error({ err }, 'reload failed; previous index kept');
        report();
      },
    );
  };
  process.on('message', onMessage);
  const timer = setInterval(report, STATUS_CHECK_MS);
  timer.unref();
  report();

  return {
    report,
    announce(version) {
      const request = randomUUID();
      return new Promise((resolve) => {
        const done = (shards: ShardState[] | undefined) => {
          clearTimeout(timeout);
          waiting.delete(request);
          resolve(shards);
        };
        const timeout = setTimeout(() => done(undefined), SYNC_WAIT_MS);
        waiting.set(request, done);
        report();
        send({ kind: 'news-bot:changed', request, version });
      });
    },
    close() {
      clearInterval(timer);
      process.off('message', onMessage);
    },
  };
}
