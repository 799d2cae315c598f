/**
 * Structured logs: one JSON line per event on stderr, so stdout stays free for
 * the console's replies and logs can be grepped or shipped as they are.
 */
export type Fields = Record<string, unknown>;

export interface Logger {
  /** Detail for finding a fault (scores, timings); off unless LOG_LEVEL=debug. */
  debug(event: string, fields?: Fields): void;
  info(event: string, fields?: Fields): void;
  warn(event: string, fields?: Fields): void;
  error(event: string, fields?: Fields): void;
}

export type Level = 'debug' | 'info' | 'warn' | 'error' | 'silent';
export const LEVELS: readonly Level[] = ['debug', 'info', 'warn', 'error', 'silent'];
const rank: Record<Level, number> = { debug: -1, info: 0, warn: 1, error: 2, silent: 3 };

export function createLogger(level: Level = 'info', write: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): Logger {
  const emit = (at: Exclude<Level, 'silent'>, event: string, fields: Fields = {}) => {
    if (rank[at] < rank[level]) return;
    write(JSON.stringify({ time: new Date().toISOString(), level: at, event, ...fields }));
  };
  return {
    debug: (event, fields) => emit('debug', event, fields),
    info: (event, fields) => emit('info', event, fields),
    warn: (event, fields) => emit('warn', event, fields),
    error: (event, fields) => emit('error', event, fields),
  };
}

export const silentLogger: Logger = createLogger('silent');
