import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, requireDiscordSettings, shardPlan } from '../src/config.js';

describe('loadConfig', () => {
  it('gives every setting a default, so the CLI needs no configuration', () => {
    expect(loadConfig({})).toMatchObject({
      KNOWLEDGE_DIR: 'knowledge',
      EMBEDDING_MODEL: 'local/glove-6b-100d-sif',
      LOG_LEVEL: 'info',
      ASK_COOLDOWN_SECONDS: 5,
      MOD_ROLE_IDS: [],
    });
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ KNOWLEDGE_DIR: '', DISCORD_TOKEN: '  ', ASK_COOLDOWN_SECONDS: '' })).toMatchObject({
      KNOWLEDGE_DIR: 'knowledge',
      DISCORD_TOKEN: undefined,
      ASK_COOLDOWN_SECONDS: 5,
    });
  });

  it('parses lists and numbers', () => {
    const config = loadConfig({
      MOD_ROLE_IDS: '123456789012345678, 223456789012345678',
      HEALTH_PORT: '8080',
    });
    expect(config.MOD_ROLE_IDS).toEqual(['123456789012345678', '223456789012345678']);
    expect(config.HEALTH_PORT).toBe(8080);
  });

  it('listens for health checks on this host only unless HEALTH_HOST says otherwise', () => {
    expect(loadConfig({}).HEALTH_HOST).toBe('127.0.0.1');
    expect(loadConfig({ HEALTH_HOST: '' }).HEALTH_HOST).toBe('127.0.0.1');
    expect(loadConfig({ HEALTH_HOST: '0.0.0.0' }).HEALTH_HOST).toBe('0.0.0.0');
    expect(loadConfig({ HEALTH_HOST: '::' }).HEALTH_HOST).toBe('::');
    expect(loadConfig({ HEALTH_HOST: 'localhost' }).HEALTH_HOST).toBe('localhost');
  });

  it('refuses a HEALTH_HOST that is not an address or host name, naming it', () => {
    expect(() => loadConfig({ HEALTH_HOST: 'http://0.0.0.0:8080' })).toThrow(
      /HEALTH_HOST: an IP address or host name/,
    );
  });

  it('names every bad variable and what was expected', () => {
    let error: unknown;
    try {
      loadConfig({ LOG_LEVEL: 'loud', HEALTH_PORT: 'eighty', DISCORD_CLIENT_ID: 'abc' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    for (const name of ['LOG_LEVEL', 'HEALTH_PORT', 'DISCORD_CLIENT_ID']) expect(message).toContain(name);
    expect(message).toContain('Discord id');
  });
});

describe('requireDiscordSettings', () => {
  it('names the missing variables and points at the CLI', () => {
    expect(() => requireDiscordSettings(loadConfig({}))).toThrow(
      /DISCORD_TOKEN.*DISCORD_CLIENT_ID[\s\S]*npm run ask/,
    );
  });

  it('returns the token and application id when both are set', () => {
    const config = loadConfig({ DISCORD_TOKEN: 'x'.repeat(60), DISCORD_CLIENT_ID: '123456789012345678' });
    expect(requireDiscordSettings(config)).toEqual({ token: 'x'.repeat(60), clientId: '123456789012345678' });
  });
});

describe('sharding settings', () => {
  it('runs one process unless SHARD_COUNT or SHARD_LIST says otherwise', () => {
    expect(shardPlan(loadConfig({}))).toBeUndefined();
    expect(shardPlan(loadConfig({ SHARD_COUNT: '4' }))).toEqual({ totalShards: 4, shardList: 'auto' });
    expect(shardPlan(loadConfig({ SHARD_COUNT: 'auto' }))).toEqual({
      totalShards: 'auto',
      shardList: 'auto',
    });
    expect(shardPlan(loadConfig({ SHARD_LIST: '2, 3', TOTAL_SHARDS: '4' }))).toEqual({
      totalShards: 4,
      shardList: [2, 3],
    });
  });

  it('accepts what discord.js puts in a shard process: SHARD_COUNT equal to TOTAL_SHARDS', () => {
    expect(shardPlan(loadConfig({ SHARD_COUNT: '4', SHARD_LIST: '0,1', TOTAL_SHARDS: '4' }))).toEqual({
      totalShards: 4,
      shardList: [0, 1],
    });
  });

  it.each([
    [{ SHARD_COUNT: 'many' }, /SHARD_COUNT: a number of shards \(1–4096\) or auto/],
    [{ SHARD_COUNT: '0' }, /SHARD_COUNT/],
    [{ SHARD_LIST: '0,1' }, /SHARD_LIST: needs TOTAL_SHARDS/],
    [{ TOTAL_SHARDS: '4' }, /TOTAL_SHARDS: needs SHARD_LIST/],
    [{ SHARD_LIST: '0,x', TOTAL_SHARDS: '4' }, /SHARD_LIST: comma-separated shard ids/],
    [
      { SHARD_LIST: '2,4', TOTAL_SHARDS: '4' },
      /SHARD_LIST: shard ids run from 0 to 3 \(TOTAL_SHARDS\); got 4/,
    ],
    [{ SHARD_LIST: '1,1', TOTAL_SHARDS: '4' }, /SHARD_LIST: lists a shard twice/],
    [{ SHARD_COUNT: '2', SHARD_LIST: '0', TOTAL_SHARDS: '4' }, /SHARD_COUNT: set both/],
  ])('refuses %o, naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});
