/**
 * Which Node.js and which package manager the generated CI workflows use, decided from
 * what the workspace says (pure: the generator reads the files and passes their text in).
 */
import { intersects, subset, valid, validRange } from 'semver';
import { SeamlineError } from '../errors';
import { ALLOW_BUN_SCRIPTS, BUN, bunForLockfile, npmRefusing } from '../prepare/auto-prepare';

/**
 * The default when the workspace names no Node.js: the newest LTS line that Seamline's
 * compatibility matrix runs on (22, 24 and 26). 26 is the Active LTS line since
 * 2026-10-28 (supported until April 2029); 24 and 22 are in maintenance until April 2028
 * and April 2027.
 */
export const DEFAULT_NODE_VERSION = '26';
/** LTS majors tried, newest first, when the workspace gives a semver range (engines.node). */
const LTS_MAJORS = [26, 24, 22];

/** What `actions/setup-node` takes as it is: 24, 24.11, 24.11.1, 24.x, lts/*, lts/krypton, node. */
export const NODE_VERSION_PATTERN = /^(?:\d+(?:\.(?:\d+|x)){0,2}|lts\/[a-z*-]+|node|latest|current)$/;

export type NodeVersionSource = '--nodeVersion' | '.nvmrc' | '.node-version' | 'devEngines.runtime' | 'engines.node' | 'default';

export interface NodeVersionChoice {
  version: string;
  source: NodeVersionSource;
  /** How the version follows from the source, for the log. */
  why: string;
}

export interface NodeVersionInputs {
  option?: string;
  nvmrc?: string | null;
  nodeVersionFile?: string | null;
  /** The Node.js range `devEngines.runtime` of the root package.json names (see devEnginesNodeRange). */
  runtime?: string;
  /** `engines.node` of the root package.json. */
  engines?: string;
}

/**
 * --nodeVersion, else .nvmrc, else .node-version, else devEngines.runtime, else engines.node (a
 * range made concrete), else the default LTS. devEngines before engines, as npm reads them: with
 * devEngines in the root package.json it checks those and no longer engines.
 */
export function chooseNodeVersion(inputs: NodeVersionInputs): NodeVersionChoice {
  if (inputs.option !== undefined) {
    const version = inputs.option.trim().replace(/^v(?=\d)/, '');
    if (!NODE_VERSION_PATTERN.test(version))
      throw new SeamlineError(`--nodeVersion: expected a Node.js version such as 24, 24.11 or lts/*, got ${JSON.stringify(inputs.option)}`);
    return { version, source: '--nodeVersion', why: 'given' };
  }
  for (const [file, text] of [
    ['.nvmrc', inputs.nvmrc],
    ['.node-version', inputs.nodeVersionFile],
  ] as const) {
    if (text === null || text === undefined) continue;
    const line = text
      .split('\n')
      .map((l) => l.replace(/#.*/, '').trim())
      .find((l) => l !== '');
    const version = (line ?? '').replace(/^v(?=\d)/, '');
    if (!NODE_VERSION_PATTERN.test(version))
      throw new SeamlineError(
        `${file}: expected a Node.js version such as 24, 24.11.1 or lts/*, got ${JSON.stringify(line ?? '')}; fix it or pass --nodeVersion`,
      );
    return { version, source: file, why: `${file} says ${line}` };
  }
  for (const [source, text] of [
    ['devEngines.runtime', inputs.runtime],
    ['engines.node', inputs.engines],
  ] as const) {
    if (text === undefined || text.trim() === '') continue;
    const range = text.trim();
    if (NODE_VERSION_PATTERN.test(range.replace(/^v(?=\d)/, ''))) {
      return { version: range.replace(/^v(?=\d)/, ''), source, why: `${source} is ${range}` };
    }
    if (validRange(range) === null)
      throw new SeamlineError(`package.json: ${source}: expected a semver range such as >=22, got ${JSON.stringify(range)}; fix it or pass --nodeVersion`);
    const major = LTS_MAJORS.find((m) => subset(`${m}.x`, range));
    if (major !== undefined) return { version: String(major), source, why: `every ${major}.x release satisfies ${source} ${range}` };
    // No whole LTS line fits: setup-node takes the range itself and installs the newest release in it.
    return { version: range, source, why: `no whole LTS line (${LTS_MAJORS.join(', ')}) satisfies ${range}; setup-node resolves the range` };
  }
  return {
    version: DEFAULT_NODE_VERSION,
    source: 'default',
    why: 'no --nodeVersion, .nvmrc, .node-version, devEngines.runtime or engines.node; the Active LTS line',
  };
}

/** The Node.js range devEngines.runtime names: its entry (of a list, the first) naming node, with a version. */
export function devEnginesNodeRange(devEngines: unknown): string | undefined {
  const declared = typeof devEngines === 'object' && devEngines !== null ? (devEngines as { runtime?: unknown }).runtime : undefined;
  const node = [declared]
    .flat()
    .find((e): e is { name: string; version: string } => typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'node');
  return typeof node?.version === 'string' ? node.version : undefined;
}

/**
 * A warning when the workflows' Node.js, taken from elsewhere, has no release in the range
 * devEngines.runtime names: npm refuses to run beside it (EBADDEVENGINES), so `npm ci` stops.
 */
export function nodeRuntimeMismatch(node: NodeVersionChoice, runtime: string | undefined): string | undefined {
  if (runtime === undefined || node.source === 'devEngines.runtime' || validRange(runtime) === null) return undefined;
  const line = validRange(node.version.replace(/\.x$/, ''));
  if (line === null || intersects(line, runtime)) return undefined;
  return `package.json devEngines.runtime asks for node ${runtime}, but the workflows run Node.js ${node.version} (${node.source}); npm refuses to run beside it (EBADDEVENGINES), so they stop at npm ci: make the two agree`;
}

export type PackageManagerName = 'npm' | 'pnpm' | 'yarn' | 'bun';

export interface PackageManagerChoice {
  name: PackageManagerName;
  /** How it was decided, for the log. */
  source: string;
  /** Yarn 1 (classic) rather than Berry. */
  yarnClassic: boolean;
  /** package.json has a `packageManager` field (corepack then runs exactly that version). */
  pinned: boolean;
  /** The workflow step that puts the package manager on PATH before setup-node (corepack), or null. */
  setup: string | null;
  /**
   * The workflow step that installs the package manager after setup-node, from the npm registry
   * (bun; the npm devEngines ask for), or null. The version comes from package.json, so it
   * reaches the script through `env` only, never as part of the command.
   */
  setupAfterNode: { run: string; env: Record<string, string> } | null;
  install: string;
  /** How a run step calls the workspace's nx. */
  nx: string;
  /** actions/setup-node `cache:`, or null where setup-node has none (bun). */
  cache: Exclude<PackageManagerName, 'bun'> | null;
}

export interface PackageManagerInputs {
  option?: string;
  /** `packageManager` of the root package.json, e.g. pnpm@10.2.0+sha512.… */
  packageManagerField?: string;
  /** `devEngines` of the root package.json, as written. */
  devEngines?: unknown;
  /** Which lockfiles the workspace root holds. */
  lockfiles: { npm: boolean; pnpm: boolean; yarn: boolean; bun: boolean };
  /** npm-shrinkwrap.json is the workspace root's npm lockfile: no package-lock.json beside it. */
  npmShrinkwrapOnly?: boolean;
  /** The first line of yarn.lock, when there is one. */
  yarnLockHead?: string;
  /** The head of the root's bun lockfile, when there is one (bun.lockb is binary: its name is enough). */
  bunLock?: { file: 'bun.lock' | 'bun.lockb'; head: string };
  hasYarnrcYml: boolean;
}

const PM_NAMES: PackageManagerName[] = ['npm', 'pnpm', 'yarn', 'bun'];

/** --packageManager, else the `packageManager` field, else the lockfile, else npm. */
export function choosePackageManager(inputs: PackageManagerInputs): { choice: PackageManagerChoice; warnings: string[] } {
  const warnings: string[] = [];
  const field = inputs.packageManagerField?.trim();
  const fieldMatch = field ? /^(npm|pnpm|yarn|bun)@(\d+)/.exec(field) : null;
  const locked = PM_NAMES.filter((pm) => inputs.lockfiles[pm]);
  let name: PackageManagerName;
  let source: string;
  if (inputs.option !== undefined) {
    if (!PM_NAMES.includes(inputs.option as PackageManagerName))
      throw new SeamlineError(`--packageManager: expected npm, pnpm, yarn or bun, got ${JSON.stringify(inputs.option)}`);
    name = inputs.option as PackageManagerName;
    source = '--packageManager';
  } else if (fieldMatch) {
    name = fieldMatch[1] as PackageManagerName;
    source = `packageManager ${field!.replace(/\+.*/, '')} in package.json`;
  } else if (locked.length > 0) {
    // Nx's order when several lockfiles are present: bun, yarn, pnpm, npm.
    name = (['bun', 'yarn', 'pnpm', 'npm'] as const).find((pm) => inputs.lockfiles[pm])!;
    source = `${lockfileOf(name)} in the workspace root`;
    if (locked.length > 1)
      warnings.push(`several lockfiles (${locked.map(lockfileOf).join(', ')}): the workflows install with ${name}; remove the others or pass --packageManager`);
  } else {
    name = 'npm';
    source = 'default: no lockfile and no packageManager field';
    warnings.push(`no lockfile in the workspace root: the workflows run npm ci, which needs package-lock.json; commit it (or pass --packageManager)`);
  }
  if (name === 'npm' && inputs.npmShrinkwrapOnly)
    warnings.push(
      "npm-shrinkwrap.json: npm 12 and later do not read it, so the workflows' npm ci fails there; rename it: git mv npm-shrinkwrap.json package-lock.json",
    );
  if (!inputs.lockfiles[name] && !source.startsWith('default'))
    warnings.push(`the workflows install with ${name}, but the workspace root has no ${lockfileOf(name)}; commit it`);

  const declared = corepackDevEngines(inputs.devEngines);
  if (declared && typeof declared.name === 'string' && declared.name !== name)
    // npm checks devEngines before it installs (EBADDEVENGINES), corepack before it runs pnpm or yarn.
    warnings.push(
      `package.json devEngines.packageManager names ${declared.name}, but the workflows install with ${name} (${source}); ${name === 'npm' ? 'npm' : 'corepack'} refuses to run beside it, so they stop at the install: make the two agree`,
    );
  const yarnMajor = fieldMatch?.[1] === 'yarn' ? Number(fieldMatch[2]) : undefined;
  const yarnClassic =
    name === 'yarn' && (yarnMajor !== undefined ? yarnMajor < 2 : !inputs.hasYarnrcYml && (inputs.yarnLockHead ?? '').includes('yarn lockfile v1'));
  const pinned = fieldMatch !== null && fieldMatch[1] === name;
  if (name === 'bun') {
    const bun = bunRelease(pinned ? field!.slice('bun@'.length) : undefined, inputs.bunLock);
    if (!pinned)
      warnings.push(
        `package.json has no "packageManager": "bun@<version>": the workflows install bun ${bun.version} (${bun.why}); pin yours with "packageManager": "bun@<version>"`,
      );
    return {
      choice: {
        name,
        source,
        yarnClassic: false,
        pinned,
        setup: null,
        setupAfterNode: { run: `npm install --global ${ALLOW_BUN_SCRIPTS} "bun@$BUN_VERSION"`, env: { BUN_VERSION: bun.version } },
        install: 'bun install --frozen-lockfile',
        nx: 'bunx nx',
        cache: null,
      },
      warnings,
    };
  }
  if (name !== 'npm' && !fieldMatch && declared?.name === name && (declared.version === undefined || valid(declared.version) === null)) {
    // Corepack 0.32 and later take devEngines.packageManager for the project's tool when packageManager is missing, and want a release.
    const named = declared.version === undefined ? `${name} without a version` : `${name} ${declared.version}`;
    warnings.push(
      `package.json devEngines.packageManager names ${named} and there is no "packageManager" field: corepack (0.32 and later) then refuses to run ${name} in CI ("expected a semver version"), so the workflows stop at the install; add "packageManager": "${name}@<version>"${declared.version === undefined ? '' : ' within that range'}`,
    );
  } else if (name !== 'npm' && !pinned && !yarnClassic && declared?.name !== name)
    warnings.push(
      `package.json has no "packageManager": "${name}@<version>": corepack in CI runs its own default ${name} version; pin yours with \`corepack use ${name}@<version>\``,
    );
  const setup = name === 'npm' ? null : 'corepack enable';
  // npm refuses to run beside devEngines naming an npm range it is not in (EBADDEVENGINES), setup-node's
  // `npm config get cache` too: the npm they ask for goes on PATH first, and setup-node caches nothing.
  const npmRange = name === 'npm' ? npmRefusing(inputs.devEngines) : undefined;
  if (npmRange !== undefined)
    return {
      choice: {
        name,
        source: `${source}; npm ${npmRange} as devEngines.packageManager asks, installed after Node.js (setup-node's npm cache off: npm refuses its cache query beside devEngines it is not in)`,
        yarnClassic: false,
        pinned: false,
        setup: null,
        setupAfterNode: { run: 'npm install --global "npm@$NPM_VERSION"', env: { NPM_VERSION: npmRange } },
        install: 'npm ci',
        nx: 'npx nx',
        cache: null,
      },
      warnings,
    };
  const install =
    name === 'npm'
      ? 'npm ci'
      : name === 'pnpm'
        ? 'pnpm install --frozen-lockfile'
        : yarnClassic
          ? 'yarn install --frozen-lockfile'
          : 'yarn install --immutable';
  const nx = name === 'npm' ? 'npx nx' : name === 'pnpm' ? 'pnpm exec nx' : 'yarn nx';
  return { choice: { name, source, yarnClassic, pinned, setup, setupAfterNode: null, install, nx, cache: name }, warnings };
}

/** devEngines.packageManager as corepack reads it: one object (corepack ignores a list), its name and version as written. */
function corepackDevEngines(devEngines: unknown): { name: unknown; version?: string } | undefined {
  const declared = typeof devEngines === 'object' && devEngines !== null ? (devEngines as { packageManager?: unknown }).packageManager : undefined;
  if (typeof declared !== 'object' || declared === null || Array.isArray(declared)) return undefined;
  const { name, version } = declared as { name?: unknown; version?: unknown };
  return { name, version: typeof version === 'string' ? version : undefined };
}

/** The bun the workflows install: packageManager's, else the one that writes the root's lockfile, else the newest line known. */
function bunRelease(field: string | undefined, lock: PackageManagerInputs['bunLock']): { version: string; why: string } {
  if (field) return { version: field.replace(/\+.*/, ''), why: 'packageManager in package.json' };
  const fromLock = lock ? bunForLockfile(lock.file, lock.head) : undefined;
  if (fromLock && !('problem' in fromLock)) return { version: fromLock.version, why: `the release that writes ${fromLock.why}` };
  return { version: BUN[2], why: fromLock ? `${fromLock.problem}; the newest bun known` : 'no bun lockfile; the newest bun known' };
}

function lockfileOf(pm: PackageManagerName): string {
  return pm === 'npm' ? 'package-lock.json' : pm === 'pnpm' ? 'pnpm-lock.yaml' : pm === 'bun' ? 'bun.lock' : 'yarn.lock';
}
