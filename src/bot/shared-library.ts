import type { Logger } from 'pino';
import { withBuildLock } from '../engine/build-lock.js';
import type { Library, ReloadReport } from '../engine/library.js';
import type { ShardLink } from './shard-link.js';
import type { ShardState } from './shard-messages.js';

/** A reload's report, with where the shards stand after it. */
export interface SharedReloadReport extends ReloadReport {
  /** The index version this reload produced. */
  version: string;
  /** Each shard of this machine, once all had the change or the wait ran out; undefined if unknown. */
  shards?: ShardState[];
}

/**
 * The library as a shard's commands see it: a reload a moderator asks for here rebuilds under the
 * cache folder's build lock (so a reload on another machine at the same moment does not embed the
 * same texts too), then, the caches saved, is announced to the manager, which has every other shard
 * (and, through the change stamp, every other machine) reload from them. The reply waits for that, so
 * the moderator learns whether every shard has the change.
 */
export function sharedLibrary(
  library: Library,
  { cacheDir, link, logger }: { cacheDir: string; link: ShardLink; logger: Logger },
): Pick<Library, 'current' | 'reload'> {
  return {
    get current() {
      return library.current;
    },
    async reload(): Promise<SharedReloadReport> {
      const report = await withBuildLock(cacheDir, logger, () =>
        library.reload({ caches: 'evidence when asked' }),
      );
      const version = library.version;
      const shards = await link.announce(version);
      // Only the next start-up reads the evidence: written now, not while the other shards reload.
      void library.saveEvidence();
      const behind = shards?.filter((s) => s.version !== version).map((s) => s.id) ?? [];
      if (!shards)
        logger.warn({ version }, 'the sharding manager did not confirm the change reached every shard');
      else if (behind.length > 0)
        logger.warn({ version, behind, shards }, 'some shards did not take the change');
      else logger.info({ version, shards: shards.map((s) => s.id) }, 'knowledge change reached every shard');
      return { ...report, version, ...(shards ? { shards } : {}) };
    },
  };
}
