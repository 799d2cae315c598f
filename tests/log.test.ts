import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/log';

describe('log levels', () => {
  it('has a debug level below info, off unless chosen', () => {
    const lines: string[] = [];
    const debug = createLogger('debug', (line) => lines.push(line));
    debug.debug('answer', { confidence: 0.8 });
    debug.info('ready');
    const info = createLogger('info', (line) => lines.push(line));
    info.debug('answer', { confidence: 0.8 });
    expect(lines.map((l) => (JSON.parse(l) as { level: string; event: string }).level)).toEqual(['debug', 'info']);
    expect(loadConfig({ LOG_LEVEL: 'debug' }).logLevel).toBe('debug');
    expect(() => loadConfig({ LOG_LEVEL: 'verbose' })).toThrow(/debug, info, warn, error or silent/);
    expect(loadConfig({}).logQuestions).toBe(false);
  });
});
