import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { taskTerminalOutput } from './nx-cached-output';

// Nx's cache directory follows NX_CACHE_DIRECTORY, read when Nx's module first loads (here, in the call).
const cacheDir = mkdtempSync(join(tmpdir(), 'seamline-nx-cache-'));
process.env.NX_CACHE_DIRECTORY = cacheDir;
const root = resolve(__dirname, '../../../..');
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

describe('taskTerminalOutput', () => {
  mkdirSync(join(cacheDir, 'terminalOutputs'), { recursive: true });
  writeFileSync(join(cacheDir, 'terminalOutputs', '123'), 'seam ran on another machine\n');

  it("takes Nx's own output when the result has it (Nx 22.7 and later)", () => {
    expect(taskTerminalOutput(root, { status: 'remote-cache', terminalOutput: 'from the result\n', task: { hash: '123' } })).toBe('from the result\n');
  });

  it("reads a cache hit's output from Nx's cache when the result leaves it out (Nx 22.0-22.6), local or remote", () => {
    for (const status of ['remote-cache', 'local-cache', 'local-cache-kept-existing'])
      expect(taskTerminalOutput(root, { status, task: { hash: '123' } })).toBe('seam ran on another machine\n');
  });

  it('is empty for a task that ran and said nothing, or a hit Nx kept no output for', () => {
    expect(taskTerminalOutput(root, { status: 'success', task: { hash: '123' } })).toBe('');
    expect(taskTerminalOutput(root, { status: 'local-cache', task: { hash: '404' } })).toBe('');
    expect(taskTerminalOutput(root, { status: 'local-cache', task: {} })).toBe('');
  });
});
