import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A disk that really fills up: `argv` run where `dir` is a tmpfs of `size` (`64k`, `1m`), in a
 * mount namespace of the command's own (as root, or as a user through a user namespace). The
 * mount ends with the command.
 */
export function onSmallDisk(dir: string, size: string, argv: string[]): [string, string[]] {
  const mountThenRun = 'mount -t tmpfs -o "size=$1" tmpfs "$2" && shift 2 && exec "$@"';
  return ['unshare', [...(process.getuid?.() === 0 ? ['-m'] : ['-r', '-m']), 'sh', '-c', mountThenRun, 'sh', size, dir, ...argv]];
}

/** Whether this machine lets a test mount a tmpfs in a namespace of its own (some containers do not). */
export function canMountSmallDisk(): boolean {
  const probe = join(tmpdir(), `seamline-mount-probe-${process.pid}`);
  try {
    mkdirSync(probe, { recursive: true });
    const [command, args] = onSmallDisk(probe, '64k', ['true']);
    execFileSync(command, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}
