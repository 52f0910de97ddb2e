import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SeamTaskRecord } from '../core/run/seam-task-record';
import { recordAttempt, type SeamAttempts, seamResults } from './seam-attempts';

const record = (project: string, status: string, code: number, terminalOutput = `${project} output\n`, ms = 1500): SeamTaskRecord => ({
  project,
  target: 'test',
  status,
  code,
  startTime: 1_000,
  endTime: 1_000 + ms,
  terminalOutput,
});

describe('recordAttempt and seamResults', () => {
  let runDir: string;
  beforeEach(async () => {
    runDir = await mkdtemp(join(tmpdir(), 'seamline-attempts-'));
    await mkdir(join(runDir, 'logs'));
  });
  afterEach(() => rm(runDir, { recursive: true, force: true }));
  const log = (seam: string) => readFile(join(runDir, 'logs', `${seam}.log`), 'utf8');

  it('passes, replays from the cache, retries a failure while retries are left, and names a seam Nx did not report', async () => {
    const attempts = new Map<string, SeamAttempts>();
    const retries = (seam: string) => (seam === 'flaky' || seam === 'broken' ? 1 : 0);
    const first = new Map([
      ['ok', record('ok', 'success', 0, '\u001b[32mok\u001b[39m output\n')],
      ['cached', record('cached', 'local-cache-kept-existing', 0)],
      ['flaky', record('flaky', 'failure', 1)],
      ['broken', record('broken', 'failure', 1)],
      ['once', record('once', 'failure', 1)],
    ]);
    const pending = ['ok', 'cached', 'flaky', 'broken', 'once', 'missing'];
    const retry = recordAttempt({ runDir, attempt: 1, pending, records: first, attempts, retries });
    expect(retry).toEqual(['flaky', 'broken']);

    const second = new Map([
      ['flaky', record('flaky', 'success', 0, 'flaky output\n', 500)],
      ['broken', record('broken', 'failure', 1)],
    ]);
    expect(recordAttempt({ runDir, attempt: 2, pending: retry, records: second, attempts, retries })).toEqual([]);

    // The log is text: the terminal's colours are gone, each attempt has its header.
    expect(await log('ok')).toBe('=== ok attempt 1: success ===\nok output\n');
    expect(await log('flaky')).toBe('=== flaky attempt 1: failure ===\nflaky output\n=== flaky attempt 2: success ===\nflaky output\n');
    expect(await log('missing')).toBe('=== missing attempt 1: did not run ===\nNx reported no result for this task.\n');

    const results = seamResults(pending, attempts, new Set(['once']), (seam) => `logs/${seam}.log`);
    expect(Object.fromEntries(results.map((r) => [r.seam, [r.verdict, r.attempts, r.cached, r.duration_s, r.quarantined]]))).toEqual({
      ok: ['pass', 1, false, 1.5, false],
      cached: ['pass', 1, true, 1.5, false],
      flaky: ['flaky', 2, false, 2, false],
      broken: ['fail', 2, false, 3, false],
      once: ['fail', 1, false, 1.5, true],
      missing: ['fail', 1, false, 0, false],
    });
    expect(results[0].log).toBe('logs/ok.log');
  });

  it('fails a replayed failure: a cached status with a non-zero code is not a pass', () => {
    const attempts = new Map<string, SeamAttempts>();
    const records = new Map([['s', record('s', 'local-cache', 1)]]);
    expect(recordAttempt({ runDir, attempt: 1, pending: ['s'], records, attempts, retries: () => 0 })).toEqual([]);
    expect(attempts.get('s')).toMatchObject({ passed: false, fails: 1, cached: true });
  });
});
