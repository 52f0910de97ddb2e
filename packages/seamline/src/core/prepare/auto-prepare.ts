import { maxSatisfying, minVersion, satisfies, valid, validRange } from 'semver';
import { parse } from 'yaml';
import { npmEnforces, npmRefusesDevEngine } from './npm-dev-engines';
import type { Command } from './prepare-config';

/**
 * `prepare: auto`: what a commit's maintainers would run to make it usable,
 * read from the commit itself (its package.json and lockfile), since real
 * histories cross toolchain eras and bisect walks exactly those histories.
 * Package managers other than the npm on PATH run through the npm registry
 * (`npx -y pnpm@<v>`), never a download from elsewhere.
 */

/** The files auto reads, as found in the pinned checkout (absent: undefined). */
export interface AutoInput {
  packageJson?: string;
  lockfiles: Partial<Record<Lockfile, string>>;
  /** npm names other components provide: the npm override supplies them, so no registry needs to have them. */
  componentPackages?: readonly string[];
  /** The version of the npm on PATH; needed only when package.json's devEngines name npm with a version (see npmNeeded). */
  npmVersion?: string;
}

/** In this order: a non-npm lockfile left beside an npm one is the newer era's (bun and pnpm import package-lock.json). */
export const LOCKFILES = ['pnpm-lock.yaml', 'yarn.lock', 'bun.lock', 'bun.lockb', 'npm-shrinkwrap.json', 'package-lock.json'] as const;
export type Lockfile = (typeof LOCKFILES)[number];

export type AutoPlan = { commands: Command[]; reasons: string[] } | { problem: string; reasons: string[] };

/**
 * One exact release per line of package manager, known to be on the npm
 * registry; few distinct versions, so npm's cache serves most runs.
 */
export const PNPM = { 7: '7.33.7', 8: '8.15.9', 9: '9.15.9', 10: '10.34.9' } as const;

/**
 * pnpm 6 fails every download on Node 20 and later (ERR_INVALID_THIS, after a minute of
 * retries), and Seamline runs on Node 22 or later: its era (lockfile 5.3) is installed by
 * pnpm 7, which reads that lockfile frozen and leaves it as it is.
 */
const PNPM_6_ON_NODE_20 = `pnpm 6 does not run on Node 20 or later; pnpm ${PNPM[7]} reads its lockfile`;
export const YARN_CLASSIC = '1.22.22';
export const YARN_BERRY = { 2: '2.4.2', 3: '3.8.7', 4: '4.18.1' } as const;

/**
 * bun, by its lockfile: bun.lockb (binary) until 1.1, whose last release installs it; the
 * text bun.lock since 1.2 (`lockfileVersion` 0 from 1.1.39's `--save-text-lockfile`, 1 from
 * 1.2 to 1.3, 2 from 1.4). A bun older than a text lockfile does not fail on it: it
 * installs without it, unfrozen; so each format gets the last release that writes it.
 */
export const BUN = { lockb: '1.1.45', 1: '1.3.14', 2: '1.4.5' } as const;
/** bun's npm package puts its binary in place with a postinstall script, which npm 12 runs only when allowed. */
export const ALLOW_BUN_SCRIPTS = '--allow-scripts=bun';
const BUN_BY_LOCKFILE: Record<string, (typeof BUN)[keyof typeof BUN]> = { '0': BUN[1], '1': BUN[1], '2': BUN[2] };

/**
 * npm 12 (July 2026, `latest` since) no longer reads npm-shrinkwrap.json: its `npm ci` stops
 * with "can only install with an existing package-lock.json". The last npm line that reads
 * it installs that era, whatever npm is on PATH.
 */
export const NPM_SHRINKWRAP = '11.21.2';
const SHRINKWRAP_ON_NPM_12 = `npm 12 and later do not read npm-shrinkwrap.json; npm ${NPM_SHRINKWRAP} does`;

/** A pnpm-lock.yaml `lockfileVersion` -> the pnpm major that writes it (and reads it frozen); 5.3, pnpm 6's, see above. */
const PNPM_BY_LOCKFILE: Record<string, keyof typeof PNPM> = { '5.3': 7, '5.4': 7, '6.0': 8, '6.1': 8, '7.0': 9, '9.0': 9 };

interface Tool {
  kind: 'npm' | 'pnpm' | 'yarn' | 'berry' | 'bun';
  version?: string;
  why: string;
}

export function autoPrepare(input: AutoInput): AutoPlan {
  if (input.packageJson === undefined) return { commands: [], reasons: ['auto: no package.json, nothing to prepare'] };
  let pkg: { packageManager?: unknown; devEngines?: unknown; scripts?: Record<string, unknown>; [deps: string]: unknown };
  try {
    pkg = JSON.parse(input.packageJson);
    if (typeof pkg !== 'object' || pkg === null || Array.isArray(pkg)) throw new Error('not an object');
  } catch (e) {
    return { problem: `auto: package.json is not a JSON object (${(e as Error).message})`, reasons: [] };
  }
  const lockfile = LOCKFILES.find((name) => input.lockfiles[name] !== undefined);
  const devEngines = fromDevEngines(pkg.devEngines);
  const chosen =
    fromPackageManager(pkg.packageManager) ??
    (lockfile ? fromLockfile(lockfile, input.lockfiles[lockfile]!, wantedPnpm(pkg)) : (devEngines ?? { kind: 'npm' as const, why: 'no lockfile' }));
  if ('problem' in chosen) return { problem: `auto: ${chosen.problem}`, reasons: [] };
  const wantedNpm = npmRefusing(pkg.devEngines);
  const tool: Tool =
    chosen.kind === 'npm' && lockfile === 'npm-shrinkwrap.json'
      ? { kind: 'npm', version: NPM_SHRINKWRAP, why: `${chosen.why} (${SHRINKWRAP_ON_NPM_12})` }
      : chosen.kind === 'npm' &&
          !chosen.version &&
          wantedNpm &&
          input.npmVersion &&
          npmRefusesDevEngine(pkg.devEngines, 'packageManager', { name: 'npm', version: input.npmVersion })
        ? // npm refuses to run beside devEngines it does not satisfy (EBADDEVENGINES): the npm they ask for, from the registry.
          {
            kind: 'npm',
            version: valid(wantedNpm) ?? wantedNpm,
            why: `${chosen.why}; devEngines.packageManager asks for npm ${wantedNpm}, the npm on PATH is ${input.npmVersion}`,
          }
        : chosen;
  const reasons = [`auto: ${toolName(tool)}: ${tool.why}`];
  // The lockfile wins (it names the era exactly); a devEngines that names only other tools is why npm may refuse below.
  if (devEngines && !('problem' in devEngines) && pkg.packageManager === undefined && lockfile && !devEnginesNaming(pkg.devEngines, family(tool)))
    reasons.push(`auto: devEngines.packageManager names ${family(devEngines)}, but ${lockfile} decides; give this era its own prepare variant if it fails`);
  const commands: Command[] = [];
  // Without a build, only what the code needs at run time: devDependencies serve the build and the package's own tests.
  const builds = typeof pkg.scripts?.build === 'string';
  // A lockfile is installed as its commit made it, frozen and whole; without one, only what the code needs.
  const install = installCommand(tool, lockfile, !lockfile && !builds);
  const declared = dependencyNames(pkg, ALL_DEPENDENCIES);
  const needed = builds ? declared : dependencyNames(pkg, RUNTIME_DEPENDENCIES);
  const fromComponents = needed.filter((name) => input.componentPackages?.includes(name));
  if (lockfile || needed.length > fromComponents.length) {
    commands.push(install.command);
    reasons.push(`install: ${install.why}`);
  } else if (fromComponents.length) {
    // A consumer whose only dependencies are other components: a plain install would ask the registry for
    // packages that may be on none (not published yet, or private), and the override provides them anyway.
    reasons.push(
      `install: none (no lockfile, and every dependency it needs is another component's package, which the npm override provides: ${fromComponents.join(', ')})`,
    );
  } else if (declared.length) {
    reasons.push('install: none (no lockfile, no build script, and no runtime dependencies: its devDependencies are not needed)');
  } else {
    reasons.push('install: none (no lockfile and package.json declares no dependencies)');
  }
  if (builds) {
    commands.push([...runner(tool), 'run', 'build']);
    reasons.push('build: the build script of package.json');
  } else {
    reasons.push('build: none (package.json has no build script)');
  }
  return { commands, reasons };
}

function toolName(tool: Tool): string {
  const name = tool.kind === 'berry' ? 'yarn' : tool.kind;
  return tool.version ? `${name} ${tool.version}` : `${name} (the npm on PATH)`;
}

/** `packageManager: pnpm@9.1.0+sha512...` (Corepack's field). */
function fromPackageManager(value: unknown): Tool | { problem: string } | undefined {
  if (value === undefined) return undefined;
  const match = typeof value === 'string' ? /^(npm|pnpm|yarn|bun)@(\d+\.\d+\.\d+[\w.-]*)(\+.*)?$/.exec(value) : null;
  if (!match)
    return { problem: `package.json packageManager ${JSON.stringify(value)}: expected npm@<version>, pnpm@<version>, yarn@<version> or bun@<version>` };
  const [, name, version] = match;
  const why = `packageManager ${name}@${version} in package.json`;
  if (name === 'pnpm' && version.startsWith('6.')) return { kind: 'pnpm', version: PNPM[7], why: `${why} (${PNPM_6_ON_NODE_20})` };
  if (name === 'pnpm') return { kind: 'pnpm', version, why };
  if (name === 'bun') return { kind: 'bun', version, why };
  if (name === 'yarn') return { kind: Number(version.split('.')[0]) >= 2 ? 'berry' : 'yarn', version, why };
  // npm keeps reading the lockfiles older npms wrote: the npm on PATH runs it.
  return { kind: 'npm', why };
}

/**
 * `devEngines.packageManager` (npm 10.9 and later, Corepack 0.32, pnpm 12's `pnpm init`): the tool
 * its maintainers run, with a semver range rather than a release. Read only without a
 * `packageManager` field or a lockfile: npm refuses to install in a checkout whose devEngines name
 * another tool (EBADDEVENGINES), so `npm install` would be certain to fail there.
 */
function fromDevEngines(devEngines: unknown): Tool | { problem: string } | undefined {
  const entry = devEnginesEntry(devEngines);
  if (!entry) return undefined;
  const { name, version } = entry;
  const field = `package.json devEngines.packageManager ${JSON.stringify(entry)}`;
  // Another tool (vlt, deno): npm judges it itself, as it would without Seamline (onFail may let it through).
  if (name !== 'npm' && name !== 'pnpm' && name !== 'yarn' && name !== 'bun') return undefined;
  if (version !== undefined && (typeof version !== 'string' || validRange(version) === null))
    return { problem: `${field}: expected a semver version or range; set packageManager in package.json or give this era its own prepare variant` };
  const range = version?.trim() || undefined;
  const why = `devEngines.packageManager ${name}${range ? ` ${range}` : ''} in package.json (no packageManager field, no lockfile)`;
  // npm checks its own range when it starts, with the reason in the log.
  if (name === 'npm') return { kind: 'npm', why };
  const known = name === 'pnpm' ? Object.values(PNPM) : name === 'bun' ? [BUN[1], BUN[2]] : [YARN_CLASSIC, ...Object.values(YARN_BERRY)];
  // A release Seamline already uses when one fits (npm's cache then serves it), else the range itself, which npx resolves.
  const release = range === undefined ? known[known.length - 1] : (valid(range) ?? maxSatisfying(known, range) ?? range);
  const major = minVersion(release)?.major ?? 0;
  if (name === 'yarn') return { kind: major >= 2 ? 'berry' : 'yarn', version: release, why };
  return {
    kind: name,
    version: name === 'pnpm' && major === 6 ? PNPM[7] : release,
    why: name === 'pnpm' && major === 6 ? `${why} (${PNPM_6_ON_NODE_20})` : why,
  };
}

/**
 * The npm version range package.json's devEngines ask for, when they name npm with one and
 * npm is to refuse a mismatch (onFail error, the default): the shell then gives the version of
 * the npm on PATH (a process it starts only for such commits).
 */
export function npmNeeded(packageJson: string | undefined): string | undefined {
  let pkg: unknown;
  try {
    pkg = JSON.parse(packageJson ?? '');
  } catch {
    return undefined;
  }
  return npmRefusing(typeof pkg === 'object' && pkg !== null ? (pkg as { devEngines?: unknown }).devEngines : undefined);
}

/** npmNeeded, from devEngines already parsed. With onFail warn or ignore, npm runs whatever its version (npm's own rule, npmEnforces). */
export function npmRefusing(devEngines: unknown): string | undefined {
  return npmEnforces(devEngines, 'packageManager') ? devEnginesRange(devEngines, 'npm') : undefined;
}

/**
 * The valid version range of the devEngines.packageManager entry that names `name`: of a list (the
 * tools accepted, alternatives to npm), the first such entry, wherever it stands.
 */
function devEnginesRange(devEngines: unknown, name: 'npm' | 'pnpm'): string | undefined {
  const entry = devEnginesNaming(devEngines, name);
  return typeof entry?.version === 'string' && validRange(entry.version) !== null ? entry.version.trim() : undefined;
}

/** The first devEngines.packageManager entry (of a list, wherever it stands) that names `name`. */
function devEnginesNaming(devEngines: unknown, name: string): { name: unknown; version?: unknown } | undefined {
  const declared = typeof devEngines === 'object' && devEngines !== null ? (devEngines as { packageManager?: unknown }).packageManager : undefined;
  return [declared]
    .flat()
    .find((e): e is { name: unknown; version?: unknown } => typeof e === 'object' && e !== null && (e as { name?: unknown }).name === name);
}

/** devEngines.packageManager as written; of a list (the tools accepted), the first, which is preferred. */
function devEnginesEntry(devEngines: unknown): { name?: unknown; version?: unknown; onFail?: unknown } | undefined {
  const declared = typeof devEngines === 'object' && devEngines !== null ? (devEngines as { packageManager?: unknown }).packageManager : undefined;
  const entry: unknown = Array.isArray(declared) ? declared[0] : declared;
  return typeof entry === 'object' && entry !== null ? entry : undefined;
}

/** npm, pnpm, yarn or bun: what devEngines and a lockfile can disagree on. */
function family(tool: Tool): string {
  return tool.kind === 'berry' ? 'yarn' : tool.kind;
}

/** The pnpm range a commit asks for besides its lockfile, and where. */
interface WantedPnpm {
  range: string;
  from: 'devEngines.packageManager' | 'engines.pnpm';
  /**
   * Whether pnpm 11 and later may run a lockfile without their record of themselves: not beside a
   * devEngines that names pnpm, where they manage their own version and refuse a frozen install
   * ("Cannot update packageManagerDependencies with frozen-lockfile"); beside engines.pnpm they
   * install it (checked with pnpm 12.24.0 and engines.pnpm >=12).
   */
  laterLines: boolean;
}

/** devEngines.packageManager's pnpm range, else engines.pnpm, which pnpm checks against itself and refuses a mismatch of (ERR_PNPM_UNSUPPORTED_ENGINE). */
function wantedPnpm(pkg: { devEngines?: unknown; engines?: unknown }): WantedPnpm | undefined {
  const dev = devEnginesRange(pkg.devEngines, 'pnpm');
  if (dev) return { range: dev, from: 'devEngines.packageManager', laterLines: false };
  const engines = typeof pkg.engines === 'object' && pkg.engines !== null ? (pkg.engines as { pnpm?: unknown }).pnpm : undefined;
  return typeof engines === 'string' && validRange(engines) !== null ? { range: engines.trim(), from: 'engines.pnpm', laterLines: true } : undefined;
}

function fromLockfile(lockfile: Lockfile, text: string, wanted?: WantedPnpm): Tool | { problem: string } {
  if (lockfile === 'pnpm-lock.yaml') {
    const recorded = pnpmEnvironment(text);
    if (recorded) return recorded;
    const found = /^lockfileVersion:\s*['"]?([\d.]+)['"]?\s*$/m.exec(text)?.[1];
    const version = found && /^\d+$/.test(found) ? `${found}.0` : found;
    const major = version ? PNPM_BY_LOCKFILE[version] : undefined;
    if (!major) {
      return {
        problem: `pnpm-lock.yaml lockfileVersion ${found ?? '(none)'}: no known pnpm release reads it; set packageManager in package.json or give this era its own prepare variant`,
      };
    }
    // pnpm 9 to 12 all write 9.0: a range that leaves out pnpm 9 says which line (pnpm 10, else the range through npx
    // where a later line may run it; see WantedPnpm). Beside devEngines pnpm 9 still runs a range of pnpm 11+ only.
    const line =
      version === '9.0' && wanted && !satisfies(PNPM[9], wanted.range)
        ? (maxSatisfying([PNPM[10]], wanted.range) ?? (wanted.laterLines ? wanted.range : null))
        : null;
    if (line)
      return {
        kind: 'pnpm',
        version: line,
        why: `pnpm-lock.yaml lockfileVersion ${found}, which pnpm 9 and later write, and ${wanted!.from} ${wanted!.from === 'engines.pnpm' ? '' : 'pnpm '}${wanted!.range}`,
      };
    return { kind: 'pnpm', version: PNPM[major], why: `pnpm-lock.yaml lockfileVersion ${found}${version === '5.3' ? ` (${PNPM_6_ON_NODE_20})` : ''}` };
  }
  if (lockfile === 'yarn.lock') {
    // Berry's lockfile is YAML with a __metadata block; classic's starts with `# yarn lockfile v1`.
    const berry = /^__metadata:\s*\n\s+version:\s*(\d+)/m.exec(text);
    if (!berry) return { kind: 'yarn', version: YARN_CLASSIC, why: 'yarn.lock (classic, v1)' };
    const v = Number(berry[1]);
    const major = v >= 7 ? 4 : v >= 5 ? 3 : 2;
    return { kind: 'berry', version: YARN_BERRY[major], why: `yarn.lock __metadata version ${v} (yarn ${major})` };
  }
  if (lockfile === 'bun.lock' || lockfile === 'bun.lockb') {
    const bun = bunForLockfile(lockfile, text);
    return 'problem' in bun
      ? { problem: `${bun.problem}; set packageManager in package.json or give this era its own prepare variant` }
      : { kind: 'bun', ...bun };
  }
  const version = /"lockfileVersion"\s*:\s*(\d+)/.exec(text)?.[1];
  return { kind: 'npm', why: `${lockfile}${version ? ` lockfileVersion ${version}` : ''}` };
}

/**
 * pnpm 11 and later, managing their own release (devEngines.packageManager, which pnpm 12's
 * `pnpm init` writes), record it in pnpm-lock.yaml: a first YAML document (`---` at the top)
 * whose importer lists `packageManagerDependencies`, then the lockfile. That release is the
 * one to run; pnpm 9 cannot read such a file at all ("expected a single document in the
 * stream"), pnpm 10.34.9 can, so it installs one whose record names no release.
 */
function pnpmEnvironment(text: string): Tool | undefined {
  const end = text.startsWith('---\n') ? text.indexOf('\n---\n') : -1;
  if (end === -1) return undefined;
  let environment: unknown;
  try {
    environment = parse(text.slice(4, end));
  } catch {
    environment = undefined;
  }
  const importer = (environment as { importers?: Record<string, { packageManagerDependencies?: Record<string, { version?: unknown }> }> })?.importers?.['.'];
  const recorded = importer?.packageManagerDependencies;
  // A first document that is not pnpm's record of itself: the file is read as before.
  if (typeof recorded !== 'object' || recorded === null) return undefined;
  const version = recorded?.pnpm?.version ?? recorded?.['@pnpm/exe']?.version;
  if (typeof version === 'string' && valid(version))
    return { kind: 'pnpm', version: valid(version)!, why: `pnpm-lock.yaml records pnpm ${version} (packageManagerDependencies)` };
  return { kind: 'pnpm', version: PNPM[10], why: 'pnpm-lock.yaml opens with the document pnpm 11 and later write about themselves, which pnpm 9 cannot read' };
}

/** The bun release that installs a bun lockfile frozen: the last one that writes its format. */
export function bunForLockfile(lockfile: 'bun.lock' | 'bun.lockb', text: string): { version: string; why: string } | { problem: string } {
  if (lockfile === 'bun.lockb') return { version: BUN.lockb, why: 'bun.lockb (binary, bun 1.1 and earlier)' };
  const found = /"lockfileVersion"\s*:\s*(\d+)/.exec(text)?.[1];
  const version = found === undefined ? undefined : BUN_BY_LOCKFILE[found];
  if (!version) return { problem: `bun.lock lockfileVersion ${found ?? '(none)'}: no known bun release reads it` };
  return { version, why: `bun.lock lockfileVersion ${found}` };
}

function runner(tool: Tool): string[] {
  if (tool.kind === 'npm') return tool.version ? ['npx', '-y', `npm@${tool.version}`] : ['npm'];
  if (tool.kind === 'pnpm') return ['npx', '-y', `pnpm@${tool.version}`];
  if (tool.kind === 'yarn') return ['npx', '-y', `yarn@${tool.version}`];
  if (tool.kind === 'bun') return ['npx', '-y', ALLOW_BUN_SCRIPTS, `bun@${tool.version}`];
  return ['npx', '-y', '-p', `@yarnpkg/cli-dist@${tool.version}`, 'yarn'];
}

/**
 * A frozen install with a lockfile, a plain one without; never the packages' own scripts.
 * `runtimeOnly`: without the devDependencies (no lockfile and no build script), which can be a
 * thousand packages for a library's own tests and lint: chalk 4.1.2 installs 5 packages (164 KB)
 * instead of 1,154 (232 MB). npm still resolves the whole tree, so the time saved is smaller.
 */
function installCommand(tool: Tool, lockfile: Lockfile | undefined, runtimeOnly: boolean): { command: Command; why: string } {
  const run = runner(tool);
  const frozen = lockfile !== undefined;
  const plain = (flag: string[]) =>
    runtimeOnly ? { flag, why: 'plain, without devDependencies (no lockfile, no build script)' } : { flag: [], why: 'plain (no lockfile)' };
  switch (tool.kind) {
    case 'npm': {
      const { flag, why } = plain(['--omit=dev']);
      return frozen
        ? { command: [...run, 'ci', '--ignore-scripts', '--no-audit', '--no-fund'], why: `frozen (${lockfile})` }
        : { command: [...run, 'install', '--ignore-scripts', '--no-audit', '--no-fund', ...flag], why };
    }
    case 'pnpm': {
      // Under CI=true pnpm freezes the lockfile by default: say which one is meant.
      const { flag, why } = plain(['--prod']);
      return frozen
        ? { command: [...run, 'install', '--frozen-lockfile', '--ignore-scripts'], why: `frozen (${lockfile})` }
        : { command: [...run, 'install', '--no-frozen-lockfile', '--ignore-scripts', ...flag], why };
    }
    case 'yarn': {
      const { flag, why } = plain(['--production']);
      return frozen
        ? { command: [...run, 'install', '--frozen-lockfile', '--ignore-scripts', '--non-interactive'], why: `frozen (${lockfile})` }
        : { command: [...run, 'install', '--ignore-scripts', '--non-interactive', ...flag], why };
    }
    case 'berry':
      // Berry's install has no such option (only `workspaces focus --production`, a plugin before yarn 4).
      return frozen
        ? { command: [...run, 'install', '--immutable', '--mode=skip-build'], why: `immutable (${lockfile})` }
        : { command: [...run, 'install', '--no-immutable', '--mode=skip-build'], why: 'plain (no lockfile)' };
    case 'bun': {
      const { flag, why } = plain(['--production']);
      return frozen
        ? { command: [...run, 'install', '--frozen-lockfile', '--ignore-scripts'], why: `frozen (${lockfile})` }
        : { command: [...run, 'install', '--ignore-scripts', ...flag], why };
    }
  }
}

const RUNTIME_DEPENDENCIES = ['dependencies', 'optionalDependencies'];
const ALL_DEPENDENCIES = [...RUNTIME_DEPENDENCIES, 'devDependencies'];

function dependencyNames(pkg: Record<string, unknown>, fields: readonly string[]): string[] {
  return fields.flatMap((field) => {
    const deps = pkg[field];
    return typeof deps === 'object' && deps !== null && !Array.isArray(deps) ? Object.keys(deps) : [];
  });
}
