import pino, { type Logger } from 'pino';

export type { Logger };

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface LoggerOptions {
  level?: LogLevel;
  /** Where lines go; default stderr, so a command's stdout stays for its result. */
  destination?: NodeJS.WritableStream;
  name?: string;
}

/** JSON lines (pino): one shape for the CLI, the mocks and CI logs, readable with any pino tool. */
export function createLogger(opts: LoggerOptions = {}): Logger {
  const destination = opts.destination ?? process.stderr;
  return pino({ level: opts.level ?? 'info', name: opts.name, base: undefined }, destination as pino.DestinationStream);
}

export const silentLogger: Logger = pino({ level: 'silent' });
