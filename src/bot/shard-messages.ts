import { z } from 'zod';

// The messages a sharding manager and its shard processes exchange over Node's IPC channel (the one
// discord.js's ShardingManager opens), beside discord.js's own (`_ready`, `_eval`, …). Each names its
// kind with a prefix of this bot's, so nothing else on the channel is taken for one of them.

/** Where one shard stands, as its manager last heard. */
export const shardStateSchema = z.object({
  id: z.number().int(),
  /** A process is running for it (false between a crash and its respawn). */
  alive: z.boolean(),
  /** Its gateway session is up and it is not shutting down. */
  ready: z.boolean(),
  /** The index version it answers from; null before it first reported. */
  version: z.string().nullable(),
});
export type ShardState = z.infer<typeof shardStateSchema>;

export const shardMessageSchema = z.discriminatedUnion('kind', [
  /** Shard → manager, whenever its readiness or index version changes. */
  z.object({ kind: z.literal('news-bot:status'), ready: z.boolean(), version: z.string() }),
  /** Shard → manager: a moderator changed the knowledge here (`/reload`, `/article`); tell everyone else. */
  z.object({ kind: z.literal('news-bot:changed'), request: z.string(), version: z.string() }),
  /** Manager → shard: reload from the shared folder and caches (another shard or machine changed them). */
  z.object({ kind: z.literal('news-bot:reload') }),
  /** Manager → the shard that announced a change: where every shard of this machine stands now. */
  z.object({ kind: z.literal('news-bot:synced'), request: z.string(), shards: z.array(shardStateSchema) }),
]);
export type ShardMessage = z.infer<typeof shardMessageSchema>;

/** `value` as one of these messages, or undefined for anything else on the channel. */
export function asShardMessage(value: unknown): ShardMessage | undefined {
  const parsed = shardMessageSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
