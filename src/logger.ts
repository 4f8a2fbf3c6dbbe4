import { pino, type Logger } from 'pino';

/**
 * Creates the process's one logger: JSON to standard error (standard output stays clean for the CLI's
 * `--json`), with tokens redacted wherever they turn up in a logged object.
 */
export function createLogger(level: string): Logger {
  return pino(
    {
      level,
      redact: {
        paths: ['token', '*.token', 'config.DISCORD_TOKEN', 'DISCORD_TOKEN', 'headers.authorization'],
        censor: '[redacted]',
      },
    },
    pino.destination(2),
  );
}

export type { Logger };
