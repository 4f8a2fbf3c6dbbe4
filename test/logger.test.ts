import { Writable } from 'node:stream';
import { DiscordAPIError, HTTPError } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.js';

const INTERACTION_TOKEN = 'aW50ZXJhY3Rpb246MTIzNDU2Nzg5MDpzZWNyZXQtdG9rZW4tdGV4dA';

/** A logger writing into a string, as the process's logger writes to standard error. */
function capture() {
  let out = '';
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      out += chunk.toString();
      done();
    },
  });
  return { logger: createLogger('info', sink), output: () => out };
}

describe('createLogger', () => {
  it('cuts the interaction token out of a logged REST error: its URL, message and stack', () => {
    const { logger, output } = capture();
    const url = `https://discord.com/api/v10/interactions/1234567890/${INTERACTION_TOKEN}/callback`;
    const err = new DiscordAPIError({ code: 0, message: '401: Unauthorized' }, 0, 401, 'POST', url, {
      body: { type: 5 },
    });
    logger.error({ err }, 'could not acknowledge the interaction');
    const webhook = `https://discord.com/api/v10/webhooks/1234567890/${INTERACTION_TOKEN}/messages/@original`;
    logger.error({ err: new HTTPError(500, 'Internal Server Error', 'PATCH', webhook, {}) }, 'edit failed');
    logger.warn(`retrying ${webhook}`);
    expect(output()).toContain('/interactions/1234567890/[redacted]/callback');
    expect(output()).toContain('/webhooks/1234567890/[redacted]/messages');
    expect(output()).not.toContain(INTERACTION_TOKEN);
  });

  it('cuts the token out of an error that only names the URL in its message (an unhandled rejection)', () => {
    const { logger, output } = capture();
    const webhook = `https://discord.com/api/v10/webhooks/1234567890/${INTERACTION_TOKEN}`;
    logger.error({ err: new Error(`request to ${webhook} timed out`) }, 'unhandled promise rejection');
    expect(output()).toContain('/webhooks/1234567890/[redacted]');
    expect(output()).not.toContain(INTERACTION_TOKEN);
  });

  it('still redacts the bot token in logged objects', () => {
    const { logger, output } = capture();
    logger.info({ config: { DISCORD_TOKEN: 'bot-secret' } }, 'config');
    expect(output()).not.toContain('bot-secret');
  });
});
