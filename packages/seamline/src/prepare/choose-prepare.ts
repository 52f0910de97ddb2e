import { tmpdir } from 'node:os';
import { autoPrepare, type AutoInput, LOCKFILES, npmNeeded } from '../core/prepare/auto-prepare';
import { type Command, describeCondition, type PrepareCondition, type PrepareVariant } from '../core/prepare/prepare-config';
import { shortSha } from '../core/tuple';
import { git, GitCommandError, runGit } from '../git/run-git';

export interface PinToPrepare {
  component: string;
  sha: string;
  /** The pin's checkout. */
  dir: string;
}

/** What runs for one pin, and why (the first lines of its prepare log). */
export interface PrepareChoice {
  commands: Command[];
  notes: string[];
  /** Set when the commit cannot be prepared before anything runs (no variant applies, a package.json auto cannot read). */
  problem?: string;
}

/** `ancestor` is `descendant` or one of its ancestors (answered from git history). */
export type Ancestry = (ancestor: string, descendant: string) => Promise<boolean>;

const MAX_READ = 1024 * 1024;

/**
 * The first variant whose `when` holds in the pinned checkout, resolved to
 * commands (`auto` reads the checkout's package.json and lockfile).
 */
export async function choosePrepare(
  pin: PinToPrepare,
  variants: readonly PrepareVariant[],
  ancestry: Ancestry,
  componentPackages: readonly string[] = [],
): Promise<PrepareChoice> {
  if (!variants.length) return { commands: [], notes: [] };
  const notes: string[] = [];
  const several = variants.length > 1 || variants[0].when !== undefined;
  for (const [i, variant] of variants.entries()) {
    const label = `prepare variant ${i + 1} of ${variants.length} (when ${describeCondition(variant.when)})`;
    const failed = variant.when ? await unmet(pin, variant.when, ancestry) : undefined;
    if (failed) {
      notes.push(`${label}: does not apply, ${failed}`);
      continue;
    }
    if (several) notes.push(`${label}: applies`);
    if (variant.run !== 'auto') return { commands: variant.run, notes: [...notes, several ? `runs its commands` : 'prepare: the commands of component.yaml'] };
    const plan = autoPrepare({ ...(await autoInput(pin.dir)), componentPackages });
    if ('problem' in plan) return { commands: [], notes: [...notes, ...plan.reasons], problem: plan.problem };
    return { commands: plan.commands, notes: [...notes, ...plan.reasons] };
  }
  return {
    commands: [],
    notes,
    problem: `no prepare variant applies to ${pin.component} at ${shortSha(pin.sha)}; add a variant without \`when\` as the last one to cover every other commit`,
  };
}

/** Why a condition does not hold, or undefined when it does (every part must hold). */
async function unmet(pin: PinToPrepare, when: PrepareCondition, ancestry: Ancestry): Promise<string | undefined> {
  if (when.exists !== undefined && !(await present(pin.dir, when.exists))) return `${when.exists} is missing`;
  if (when.missing !== undefined && (await present(pin.dir, when.missing))) return `${when.missing} exists`;
  if (when.matches) {
    const text = await readRegular(pin.dir, when.matches.file, MAX_READ);
    if (text === undefined) return `${when.matches.file} is missing (or not a regular file)`;
    if (!new RegExp(when.matches.pattern, 'm').test(text)) return `${when.matches.file} does not match /${when.matches.pattern}/`;
  }
  if (when.descendsFrom && !(await ancestry(when.descendsFrom, pin.sha))) return `${shortSha(pin.sha)} does not descend from ${shortSha(when.descendsFrom)}`;
  if (when.ancestorOf && !(await ancestry(pin.sha, when.ancestorOf))) return `${shortSha(pin.sha)} is not an ancestor of ${shortSha(when.ancestorOf)}`;
  return undefined;
}

/**
 * Conditions and `auto` read the pinned commit, not the checkout: a prepare writes
 * into the checkout (a lockfile an install made, build output), and what was chosen
 * for a commit must not change once it has been prepared.
 */
async function present(dir: string, path: string): Promise<boolean> {
  // A git that fails here (another user's checkout) must not make every file look absent: it throws.
  return (await git(['ls-tree', 'HEAD', '--', path], { cwd: dir })) !== '';
}

/**
 * The files `auto` reads, as the commit has them. They come from a repository the
 * workspace does not control: only regular files (no symlink), and at most the head
 * of a lockfile (what auto needs is in its first lines).
 */
async function autoInput(dir: string): Promise<AutoInput> {
  // One listing for all of them: this runs for every pin of every run (the choice is part of the prepared-pin key).
  const blobs = await regularBlobs(dir, ['package.json', ...LOCKFILES]);
  const lockfiles: AutoInput['lockfiles'] = {};
  const [packageJson, ...texts] = await Promise.all([
    readBlob(dir, blobs.get('package.json'), MAX_READ),
    ...LOCKFILES.map((name) => readBlob(dir, blobs.get(name), 64 * 1024)),
  ]);
  LOCKFILES.forEach((name, i) => {
    if (texts[i] !== undefined) lockfiles[name] = texts[i];
  });
  return { packageJson, lockfiles, ...(npmNeeded(packageJson) ? { npmVersion: await npmOnPath() } : {}) };
}

let npmVersion: Promise<string | undefined> | undefined;

/** The version of the npm on PATH, asked once per process; undefined when it does not answer. */
function npmOnPath(): Promise<string | undefined> {
  npmVersion ??= import('execa').then(({ execa }) =>
    execa('npm', ['--version'], { cwd: tmpdir(), reject: false }).then((r) => (r.exitCode === 0 ? r.stdout.trim() : undefined)),
  );
  return npmVersion;
}

/** A regular file of the commit (mode 100644 or 100755), its first `max` characters; undefined when the commit has none. */
async function readRegular(dir: string, path: string, max: number): Promise<string | undefined> {
  return readBlob(dir, (await regularBlobs(dir, [path])).get(path), max);
}

/** The blob of each of `paths` that the commit has as a regular file (mode 100644 or 100755). */
async function regularBlobs(dir: string, paths: readonly string[]): Promise<Map<string, string>> {
  const listing = await git(['ls-tree', '-z', 'HEAD', '--', ...paths], { cwd: dir });
  const blobs = new Map<string, string>();
  for (const entry of listing.split('\0')) {
    const regular = /^100(?:644|755) blob ([0-9a-f]+)\t(.*)$/s.exec(entry);
    if (regular) blobs.set(regular[2], regular[1]);
  }
  return blobs;
}

async function readBlob(dir: string, blob: string | undefined, max: number): Promise<string | undefined> {
  if (!blob) return undefined;
  const args = ['cat-file', 'blob', blob];
  const text = await runGit(args, { cwd: dir });
  if (text.exitCode !== 0) throw new GitCommandError(args, text);
  return text.stdout.slice(0, max);
}
