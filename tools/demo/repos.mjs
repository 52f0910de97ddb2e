// Component repositories of the demo: a bare repository served over a file://
// URL (as GitHub serves one: any SHA can be fetched, PR heads under
// refs/pull/<n>/head) and a working clone where the demo's people commit.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { mustRun } from '../lib/spawn.mjs';

// No user or system git config (no signing, hooks or templates), and a clock
// that advances by commit: the same story makes the same SHAs on every run.
const baseEnv = { PATH: process.env.PATH, HOME: process.env.HOME, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', LANG: 'C' };
let clock = Date.parse('2026-03-02T09:00:00Z');

async function git(cwd, args, person) {
  const env = { ...baseEnv };
  if (person) {
    const date = new Date((clock += 47 * 60 * 1000)).toISOString();
    Object.assign(env, {
      GIT_AUTHOR_NAME: person.name,
      GIT_AUTHOR_EMAIL: person.email,
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_NAME: person.name,
      GIT_COMMITTER_EMAIL: person.email,
      GIT_COMMITTER_DATE: date,
    });
  }
  return (await mustRun('git', args, { cwd, env })).stdout;
}

export class ComponentRepo {
  /** @param {string} root folder of the demo's repositories */
  constructor(root, name) {
    this.name = name;
    this.bare = join(root, 'remotes', `${name}.git`);
    this.work = join(root, 'work', name);
    this.url = `file://${this.bare}`;
  }

  async create() {
    await mkdir(this.bare, { recursive: true });
    await git(this.bare, ['init', '-q', '--bare', '-b', 'main']);
    await git(this.bare, ['config', 'uploadpack.allowAnySHA1InWant', 'true']);
    await mkdir(this.work, { recursive: true });
    await git(this.work, ['init', '-q', '-b', 'main']);
    await git(this.work, ['remote', 'add', 'origin', this.url]);
    return this;
  }

  /** Write `files` and commit them as `person`; returns the full SHA. */
  async commit(person, subject, files) {
    for (const [path, text] of Object.entries(files)) {
      await mkdir(dirname(join(this.work, path)), { recursive: true });
      await writeFile(join(this.work, path), text);
    }
    await git(this.work, ['add', '-A']);
    await git(this.work, ['commit', '-q', '-m', subject], person);
    return this.head();
  }

  head() {
    return git(this.work, ['rev-parse', 'HEAD']);
  }

  /** Commits straight on main (pushed), e.g. the initial history or a later merge train. */
  async onMain(commits) {
    if (this.started) await git(this.work, ['checkout', '-q', 'main']);
    this.started = true;
    const shas = [];
    for (const [person, subject, files] of commits) shas.push(await this.commit(person, subject, files));
    await git(this.work, ['push', '-q', 'origin', 'main']);
    return shas;
  }

  /** A PR: a branch off main with one commit, published as refs/pull/<n>/head. Returns its head SHA. */
  async openPr(number, branch, person, subject, files) {
    await git(this.work, ['checkout', '-q', '-b', branch, 'main']);
    const sha = await this.commit(person, subject, files);
    await git(this.work, ['push', '-q', 'origin', `${branch}:refs/heads/${branch}`, `${branch}:refs/pull/${number}/head`]);
    await git(this.work, ['checkout', '-q', 'main']);
    return sha;
  }

  /** Merge a PR by fast-forwarding main to its head. */
  async mergePr(branch) {
    await git(this.work, ['checkout', '-q', 'main']);
    await git(this.work, ['merge', '-q', '--ff-only', branch]);
    await git(this.work, ['push', '-q', 'origin', 'main']);
    return this.head();
  }
}
