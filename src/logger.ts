import { pino, type Logger } from 'pino';

// Interaction tokens and webhook tokens are credentials (15 minutes to post as the bot), and discord.js
// puts them in the URL of every REST call it makes for an interaction: "/interactions/<id>/<token>/…",
// "/webhooks/<application>/<token>/…". They are cut out of anything logged.
const TOKEN_IN_PATH = /(\/(?:interactions|webhooks)\/\d+\/)[^/\s?"']+/gu;

/** `text` with interaction and webhook tokens replaced by "[redacted]". */
export function redactTokens(text: string): string {
  return text.replace(TOKEN_IN_PATH, '$1[redacted]');
}

/** A copy of a logged value with every string in it passed through `redactTokens`. */
function redactDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactTokens(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, depth + 1));
  // A Buffer (a file in a request body) would otherwise turn into one key per byte.
  if (ArrayBuffer.isView(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v, depth + 1)]));
}

/**
 * Creates the process's one logger: JSON to standard error (standard output stays clean for the CLI's
 * `--json`), with the bot token redacted wherever it turns up in a logged object, and interaction and
 * webhook tokens cut out of errors (their URLs, messages and stacks) and messages.
 */
export function createLogger(
  level: string,
  // Synchronous: the bot and the CLI end with process.exit, and an asynchronous write still in flight
  // then would be lost or land after the fatal line that explains the exit. Logs are a few lines a second.
  destination: pino.DestinationStream = pino.destination({ dest: 2, sync: true }),
): Logger {
  return pino(
    {
      level,
      redact: {
        paths: ['token', '*.token', 'config.DISCORD_TOKEN', 'DISCORD_TOKEN', 'headers.authorization'],
        censor: '[redacted]',
      },
      serializers: { err: (err: Error) => redactDeep(pino.stdSerializers.err(err)) },
      hooks: {
        logMethod(args, method) {
          method.apply(
            this,
            args.map((a) => (typeof a === 'string' ? redactTokens(a) : a)) as Parameters<typeof method>,
          );
        },
      },
    },
    destination,
  );
}

export type { Logger };
