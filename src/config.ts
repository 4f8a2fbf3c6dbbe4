import { existsSync } from 'node:fs';
import { z } from 'zod';

// Empty strings count as unset, so `FOO=` in .env means "use the default", as people expect.
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

/** Far beyond any bot's needs (Discord recommends one shard per 1,000 servers); a typo guard. */
const MAX_SHARDS = 4096;

const snowflake = z.string().regex(/^\d{17,20}$/, 'a Discord id (17–20 digits)');
/** Comma-separated Discord ids; unset or empty is none. */
const snowflakeList = optional(z.string())
  .transform((v) =>
    v
      ? v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : [],
  )
  .pipe(z.array(snowflake));

const baseSchema = z.object({
  KNOWLEDGE_DIR: optional(z.string()).default('knowledge'),
  EMBEDDING_MODEL: optional(z.string()).default('local/glove-6b-100d-sif'),
  MODEL_CACHE_DIR: optional(z.string()).default('.cache'),
  LOG_LEVEL: optional(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])).default('info'),
  DISCORD_TOKEN: optional(z.string().min(20, 'a bot token from the Developer Portal')),
  DISCORD_CLIENT_ID: optional(snowflake),
  DISCORD_GUILD_ID: optional(snowflake),
  DISCORD_API_URL: optional(z.url()),
  MOD_ROLE_IDS: snowflakeList,
  // Servers whose moderators may change the knowledge base (/reload, /article); empty means
  // DISCORD_GUILD_ID alone (see knowledgeGuildIds), so a bot invited elsewhere cannot be edited from there.
  KNOWLEDGE_GUILD_IDS: snowflakeList,
  ASK_COOLDOWN_SECONDS: optional(z.coerce.number().min(0).max(3600)).default(5),
  // Members' 👍/👎 on answers, one JSON line each; user data, so not under the disposable MODEL_CACHE_DIR.
  FEEDBACK_DIR: optional(z.string()).default('.data/feedback'),
  // How long a shutdown waits for replies in flight before closing anyway.
  SHUTDOWN_GRACE_SECONDS: optional(z.coerce.number().min(0).max(600)).default(10),
  HEALTH_PORT: optional(z.coerce.number().int().min(1).max(65535)),
  HEALTH_HOST: optional(
    z.union([z.ipv4(), z.ipv6(), z.hostname()], {
      error: 'an IP address or host name to listen on, such as 127.0.0.1 (this host only) or 0.0.0.0',
    }),
  ).default('127.0.0.1'),
  // Sharding (see docs/discord.md, "Sharding"). Unset: one process, as before. A number or `auto`
  // (Discord's recommendation): discord.js's ShardingManager runs that many shard processes here.
  SHARD_COUNT: optional(
    z.union([z.literal('auto'), z.coerce.number().int().min(1).max(MAX_SHARDS)], {
      error: `a number of shards (1–${MAX_SHARDS}) or auto`,
    }),
  ),
  // Several machines: each runs the shards in its SHARD_LIST, of TOTAL_SHARDS in all.
  SHARD_LIST: optional(
    z
      .string()
      .regex(/^\s*\d+(\s*,\s*\d+)*\s*,?\s*$/, 'comma-separated shard ids, such as 0,1')
      .transform((v) =>
        v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
          .map(Number),
      ),
  ),
  TOTAL_SHARDS: optional(z.coerce.number().int().min(1).max(MAX_SHARDS)),
});

/**
 * The sharding settings must agree: SHARD_LIST needs TOTAL_SHARDS (every machine must use the same total,
 * so `auto` cannot do), its ids must be below it, and SHARD_COUNT, if also set, must equal it. That last
 * case is normal inside a shard process, whose SHARD_COUNT discord.js sets to the total.
 */
const configSchema = baseSchema.superRefine((config, context) => {
  const { SHARD_COUNT, SHARD_LIST, TOTAL_SHARDS } = config;
  // Zod runs this even after a setting failed its own check (left as the raw string): nothing to compare.
  if ((SHARD_LIST !== undefined && !Array.isArray(SHARD_LIST)) || Number.isNaN(TOTAL_SHARDS)) return;
  const issue = (path: string, message: string) =>
    context.addIssue({ code: 'custom', path: [path], message });
  if (SHARD_LIST && TOTAL_SHARDS === undefined)
    issue('SHARD_LIST', 'needs TOTAL_SHARDS, the number of shards on all machines together');
  if (TOTAL_SHARDS !== undefined && !SHARD_LIST)
    issue('TOTAL_SHARDS', 'needs SHARD_LIST, the shards this machine runs (or set SHARD_COUNT alone)');
  if (SHARD_LIST && TOTAL_SHARDS !== undefined) {
    const outside = SHARD_LIST.filter((id) => id >= TOTAL_SHARDS);
    if (outside.length > 0)
      issue(
        'SHARD_LIST',
        `shard ids run from 0 to ${TOTAL_SHARDS - 1} (TOTAL_SHARDS); got ${outside.join(', ')}`,
      );
    if (new Set(SHARD_LIST).size !== SHARD_LIST.length) issue('SHARD_LIST', 'lists a shard twice');
  }
  if (SHARD_COUNT !== undefined && TOTAL_SHARDS !== undefined && SHARD_COUNT !== TOTAL_SHARDS)
    issue('SHARD_COUNT', `set both SHARD_COUNT and TOTAL_SHARDS only to the same number (or set one)`);
});

/** The parsed environment: the only place settings come from. */
export type Config = z.infer<typeof configSchema>;

/** A setting is missing or malformed; the message names each variable and what was expected. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Parses settings once, from `env` (default: process.env after loading `.env` if present).
 * Throws ConfigError naming every bad variable.
 */
export function loadConfig(env: Record<string, string | undefined> = readProcessEnv()): Config {
  const result = configSchema.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map(
    (issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`,
  );
  throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
}

function readProcessEnv(): Record<string, string | undefined> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  return process.env;
}

/** The servers where moderators may change the knowledge base: KNOWLEDGE_GUILD_IDS, else DISCORD_GUILD_ID. */
export function knowledgeGuildIds(
  config: Pick<Config, 'KNOWLEDGE_GUILD_IDS' | 'DISCORD_GUILD_ID'>,
): readonly string[] {
  if (config.KNOWLEDGE_GUILD_IDS.length > 0) return config.KNOWLEDGE_GUILD_IDS;
  return config.DISCORD_GUILD_ID ? [config.DISCORD_GUILD_ID] : [];
}

/** The settings the bot cannot run without; the error also points at the CLI, which needs none. */
export function requireDiscordSettings(config: Config): { token: string; clientId: string } {
  const missing = [
    !config.DISCORD_TOKEN && 'DISCORD_TOKEN (the bot token)',
    !config.DISCORD_CLIENT_ID && 'DISCORD_CLIENT_ID (the application id)',
  ].filter(Boolean);
  if (missing.length > 0 || !config.DISCORD_TOKEN || !config.DISCORD_CLIENT_ID) {
    throw new ConfigError(
      `Missing ${missing.join(' and ')}. Copy .env.example to .env and fill it in ` +
        `(see README, "Running the bot"). To try the engine without Discord: npm run ask -- "your question"`,
    );
  }
  return { token: config.DISCORD_TOKEN, clientId: config.DISCORD_CLIENT_ID };
}

/** How this machine shards: every shard id it runs, of how many in all (`auto`: ask Discord). */
export interface ShardPlan {
  totalShards: number | 'auto';
  /** `auto`: all of them (0 … totalShards − 1). */
  shardList: number[] | 'auto';
}

/** The sharding the settings ask for, or undefined for the default single process. */
export function shardPlan(
  config: Pick<Config, 'SHARD_COUNT' | 'SHARD_LIST' | 'TOTAL_SHARDS'>,
): ShardPlan | undefined {
  if (config.SHARD_LIST && config.TOTAL_SHARDS !== undefined)
    return { totalShards: config.TOTAL_SHARDS, shardList: config.SHARD_LIST };
  if (config.SHARD_COUNT !== undefined) return { totalShards: config.SHARD_COUNT, shardList: 'auto' };
  return undefined;
}
