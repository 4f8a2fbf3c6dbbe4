import { createLogger, type Logger } from '../../src/logger.js';

/** One JSON line the logger wrote. */
export interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

/** The product's real pino logger, its lines kept for the test to read instead of written to stderr. */
export function capturingLogger(): { logger: Logger; lines: LogLine[]; warnings: () => LogLine[] } {
  const lines: LogLine[] = [];
  const logger = createLogger('info', {
    write: (line: string) => void lines.push(JSON.parse(line) as LogLine),
  });
  return { logger, lines, warnings: () => lines.filter((line) => line.level === 40) };
}
