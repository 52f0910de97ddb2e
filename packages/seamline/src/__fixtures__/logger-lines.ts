import { logger } from '../terminal/logger';

export interface LoggedLines {
  info: string[];
  warn: string[];
  error: string[];
}

/**
 * What an executor says through the logger, line by line per level, instead of on the
 * terminal: call it in a beforeEach; jest.restoreAllMocks() in an afterEach puts the logger back.
 */
export function captureLogger(): LoggedLines {
  const lines: LoggedLines = { info: [], warn: [], error: [] };
  for (const level of ['info', 'warn', 'error'] as const)
    jest.spyOn(logger, level).mockImplementation((...m: unknown[]) => void lines[level].push(String(m[0])));
  return lines;
}
