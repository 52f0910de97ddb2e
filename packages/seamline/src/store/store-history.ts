import { basename, dirname, relative } from 'node:path';
import { letGitRead, refusedOwnership } from '../git/ownership';
import { firstErrorLine, runGit } from '../git/run-git';
import { checkSuccessor } from '../core/known-good/history';
import { SeamlineError } from '../core/errors';

/** One committed version of the store file. */
export interface StoreVersion {
  commit: string;
  /** undefined: the commit deleted the file. */
  text: string | undefined;
}

export type StoreHistory = { tracked: false; reason: string } | { tracked: true; versions: StoreVersion[] };

const short = (commit: string) => commit.slice(0, 12);

/**
 * Every committed version of the store along the first-parent history of HEAD,
 * oldest first, read with the git CLI from the repository that holds the file.
 */
export async function storeHistory(path: string, shown: string = path): Promise<StoreHistory> {
  const dir = dirname(path);
  const top = await runGit(['rev-parse', '--show-toplevel'], { cwd: dir });
  if (top.exitCode !== 0) {
    if (/not a git repository/i.test(top.stderr)) return { tracked: false, reason: 'not in a git repository' };
    throw unreadable(shown, top.stderr);
  }
  const root = top.stdout.trim();
  const rel = relative(root, path).split('\\').join('/') || basename(path);
  const log = await runGit(['log', '--first-parent', '--reverse', '--format=%H', '--', rel], { cwd: root });
  if (log.exitCode !== 0) {
    if (/does not have any commits yet|bad default revision/i.test(log.stderr)) return { tracked: false, reason: 'no commit yet' };
    throw unreadable(shown, log.stderr);
  }
  const commits = log.stdout.split('\n').filter(Boolean);
  if (!commits.length) return { tracked: false, reason: 'never committed' };
  const texts = await readBlobs(
    root,
    commits.map((c) => `${c}:${rel}`),
  );
  return { tracked: true, versions: commits.map((commit, i) => ({ commit, text: texts[i] })) };
}

/**
 * The store is in a git repository that git will not read: its history must
 * not pass for absent. Mostly git's ownership check (see refusedOwnership).
 */
function unreadable(shown: string, stderr: string): SeamlineError {
  const owner = refusedOwnership(stderr);
  const fix = owner ? `${letGitRead(owner)} and run again` : 'fix that, and run again';
  return new SeamlineError(
    `${shown}: git cannot read the repository that holds the store (${firstErrorLine(stderr)}), so its history cannot be checked; ${fix}`,
    shown,
  );
}

/**
 * The exact bytes of each `<commit>:<path>` (undefined where the commit has no such
 * file), in one `git cat-file --batch`. Not through runGit: its output loses the
 * final newline, and the store's bytes are what its chain hashes.
 */
async function readBlobs(cwd: string, specs: string[]): Promise<(string | undefined)[]> {
  const { execa } = await import('execa');
  const result = await execa('git', ['cat-file', '--batch'], {
    cwd,
    input: specs.map((s) => `${s}\n`).join(''),
    encoding: 'buffer',
    stripFinalNewline: false,
    env: { GIT_TERMINAL_PROMPT: '0' },
    reject: false,
  });
  if (result.exitCode !== 0) throw new SeamlineError(`git cat-file failed reading the store's history: ${Buffer.from(result.stderr).toString().trim()}`);
  const out = Buffer.from(result.stdout);
  const texts: (string | undefined)[] = [];
  let at = 0;
  for (let i = 0; i < specs.length; i++) {
    const eol = out.indexOf(0x0a, at);
    const header = out.subarray(at, eol).toString();
    at = eol + 1;
    const size = /^[0-9a-f]+ blob (\d+)$/.exec(header);
    if (!size) {
      texts.push(undefined); // "<spec> missing": the commit deleted the file
      continue;
    }
    texts.push(out.subarray(at, at + Number(size[1])).toString('utf8'));
    at += Number(size[1]) + 1;
  }
  return texts;
}

/** What the git history vouches for: how many commits were checked and how many lines are not committed yet. */
export interface HistoryVerdict {
  checked: number;
  uncommittedLines: number;
  lastCommit?: string;
  reason?: string;
  /** Every version's text, for finding an anchored head. */
  versions: string[];
}

/**
 * Check that every committed version of the store is a prefix of the next (or a
 * prune whose checkpoint matches what it replaced), and that the working file
 * extends the last commit. A break is a SeamlineError naming the commit and line.
 */
export async function verifyStoreHistory(path: string, shown: string, working: string): Promise<HistoryVerdict> {
  const history = await storeHistory(path, shown);
  if (!history.tracked) return { checked: 0, uncommittedLines: 0, reason: history.reason, versions: [] };
  let prev: StoreVersion | undefined;
  for (const version of history.versions) {
    if (version.text === undefined) {
      throw new SeamlineError(
        `${shown}: commit ${short(version.commit)} deleted the store; its history cannot be deleted, restore it from ${prev ? short(prev.commit) : 'git'}`,
        shown,
      );
    }
    if (prev?.text !== undefined) {
      const check = checkSuccessor(prev.text, version.text);
      if (!check.ok) {
        throw new SeamlineError(
          `${shown}:${check.line}: commit ${short(version.commit)}: ${check.problem}, compared with commit ${short(prev.commit)}: committed history was rewritten`,
          shown,
        );
      }
    }
    prev = version;
  }
  const last = history.versions[history.versions.length - 1];
  const check = checkSuccessor(last.text!, working);
  if (!check.ok) {
    throw new SeamlineError(
      `${shown}:${check.line}: the working file does not extend the last commit ${short(last.commit)}: ${check.problem}; restore it (git checkout -- ${shown})`,
      shown,
    );
  }
  const committedLines = last.text!.split('\n').length - 1;
  const workingLines = working.split('\n').length - 1;
  return {
    checked: history.versions.length,
    uncommittedLines: check.pruned ? 0 : Math.max(0, workingLines - committedLines),
    lastCommit: last.commit,
    versions: history.versions.map((v) => v.text ?? ''),
  };
}
