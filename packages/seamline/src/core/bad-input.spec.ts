import { parseComponentConfig, parseIntegrationConfig, parseSeamConfig } from './config/parse-config';
import { checkWorkspaceModel, type WorkspaceModel } from './config/workspace-model';
import { SeamlineError } from './errors';
import { checkManifestComponents } from './manifest/check-manifest';
import { parseManifest } from './manifest/manifest-yaml';

/**
 * Every class of bad input a user can write gets one line that names the
 * file, the field and what was expected. Each case asserts the whole message.
 */

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const AUTH = 'https://github.com/acme/auth.git';
const USERS = 'https://github.com/acme/users.git';

const goodIntegration = `subsets:
  pr_fast: { seams: [users-auth], budget: 10m }
  full: { seams: all, budget: 1h }
`;
const pr = (body: string) => `kind: pr\n${body}\nsubset: pr_fast\ntimestamp: 2026-11-21T12:14:03Z\n`;
const cut = (name: string, sha: string, extra = '') => `component_under_test: { name: ${name}, repo: ${AUTH}, sha: ${sha}${extra} }`;

const I = 'integration/seamline.yaml';
const C = 'components/users/component.yaml';
const S = 'seams/users-auth/seam.yaml';
const M = 'runs/1/manifest.yaml';

const cases: [string, () => unknown, string][] = [
  // integration/seamline.yaml
  [
    'invalid YAML syntax',
    () => parseIntegrationConfig('subsets:\n  pr_fast: [\n', I),
    `${I}:3:1: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]; fix the syntax there`,
  ],
  ['an empty file', () => parseIntegrationConfig('', I), `${I}: is empty; expected a YAML mapping`],
  ['a list instead of a mapping', () => parseIntegrationConfig('- a\n- b\n', I), `${I}: expected a mapping, got a list`],
  ['a duplicate key', () => parseIntegrationConfig('store: a\nstore: b\n', I), `${I}:2:1: invalid YAML: Map keys must be unique; fix the syntax there`],
  ['no subsets', () => parseIntegrationConfig('store: x.jsonl\n', I), `${I}: field "subsets": is required (expected a mapping)`],
  [
    'a subset named with capitals',
    () => parseIntegrationConfig('subsets:\n  PR_fast: { seams: [], budget: 1m }\n', I),
    `${I}: field "subsets.PR_fast": expected a subset name of lowercase letters, digits, "_" or "-", got "PR_fast"`,
  ],
  ['subsets as a list', () => parseIntegrationConfig('subsets: [pr_fast]\n', I), `${I}: field "subsets": expected a mapping, got a list`],
  [
    'a bad budget',
    () => parseIntegrationConfig('subsets:\n  pr_fast: { seams: [], budget: soon }\n', I),
    `${I}: field "subsets.pr_fast.budget": expected a time budget such as 90s, 10m or 1h30m, got "soon"`,
  ],
  [
    'a misspelled field: the field it most likely meant',
    () => parseIntegrationConfig(`${goodIntegration}renderes: [env]\n`, I),
    `${I}: unknown field "renderes": did you mean "renderers"?`,
  ],
  [
    'a field no allowed name is close to',
    () => parseIntegrationConfig(`${goodIntegration}owner: platform-team\n`, I),
    `${I}: unknown field "owner": remove it or check its spelling`,
  ],
  [
    'the singular of a plural field',
    () => parseSeamConfig('components: [users, auth]\ncatches: x\nretry: 2\n', S),
    `${S}: unknown field "retry": did you mean "retries"?`,
  ],
  [
    'a misspelled field inside a map of subsets',
    () => parseIntegrationConfig('subsets:\n  pr_fast: { seams: [], budget: 1m, descripton: fast }\n', I),
    `${I}: field "subsets.pr_fast": unknown field "descripton": did you mean "description"?`,
  ],
  [
    'an unknown renderer',
    () => parseIntegrationConfig(`${goodIntegration}renderers: [gradle]\n`, I),
    `${I}: field "renderers[0]": expected one of "env", "npm", "bazel", "compose" or a mapping, got "gradle"`,
  ],
  [
    'a quarantine entry without expiry',
    () => parseIntegrationConfig(`${goodIntegration}quarantine:\n  - { seam: users-auth, reason: flaky }\n`, I),
    `${I}: field "quarantine[0].expires": is required (expected string)`,
  ],
  [
    'a quarantine expiry that is no date',
    () => parseIntegrationConfig(`${goodIntegration}quarantine:\n  - { seam: users-auth, reason: flaky, expires: 2026-02-31 }\n`, I),
    `${I}: field "quarantine[0].expires": expected a real calendar date, got "2026-02-31"`,
  ],
  [
    'a held SHA that is not a full SHA',
    () => parseIntegrationConfig(`${goodIntegration}hold:\n  - { component: auth, sha: main, reason: culprit, expires: 2027-01-01 }\n`, I),
    `${I}: field "hold[0].sha": expected a full 40-character hex commit SHA (short SHAs and branch names are not pins; use \`git rev-parse <ref>\`), got "main"`,
  ],
  [
    'a GitHub repository that is not owner/name',
    () => parseIntegrationConfig(`${goodIntegration}github: { repository: acme }\n`, I),
    `${I}: field "github.repository": expected owner/name of the integration repository, got "acme"`,
  ],
  // components/<name>/component.yaml
  ['a component without repo', () => parseComponentConfig('branch: main\n', C), `${C}: field "repo": is required (expected string)`],
  [
    'a repo that is not a git URL',
    () => parseComponentConfig('repo: acme/users\n', C),
    `${C}: field "repo": expected a git URL (https://, ssh://, file:// or git@host:owner/repo.git), got "acme/users"`,
  ],
  [
    'a repo that git would read as an option',
    () => parseComponentConfig('repo: -x@host:owner/repo.git\n', C),
    `${C}: field "repo": expected a git URL (https://, ssh://, file:// or git@host:owner/repo.git), got "-x@host:owner/repo.git"`,
  ],
  [
    'a test command as one string',
    () => parseComponentConfig(`repo: ${USERS}\ntest: npm test\n`, C),
    `${C}: field "test": expected array, got "npm test"; write a YAML list, e.g. [npm, test]`,
  ],
  [
    "a seam's components as one string",
    () => parseSeamConfig('components: "users, @acme/auth"\ncatches: x\n', S),
    `${S}: field "components": expected array, got "users, @acme/auth"; write a YAML list, e.g. [users, "@acme/auth"]`,
  ],
  [
    'a misspelled required field: the missing one and the stray one',
    () => parseSeamConfig('components: [users, auth]\ncatch: users reads a renamed field\n', S),
    `${S}: field "catches": is required (expected string); "catch" is not a field: is it a misspelling?`,
  ],
  [
    'a subset without its budget',
    () => parseIntegrationConfig('subsets:\n  full: { seams: all }\n', I),
    `${I}: field "subsets.full.budget": is required (expected string or number)`,
  ],
  [
    'dependsOn as a string',
    () => parseComponentConfig(`repo: ${USERS}\ndependsOn: auth\n`, C),
    `${C}: field "dependsOn": expected array, got "auth"; write a YAML list, e.g. [auth]`,
  ],
  [
    'a bad npm package name',
    () => parseComponentConfig(`repo: ${USERS}\nprovides: { npm: "Users Lib" }\n`, C),
    `${C}: field "provides.npm": expected an npm package name such as @acme/users, got "Users Lib"`,
  ],
  [
    'a package list entry whose folder leaves the repository',
    () => parseComponentConfig(`repo: ${USERS}\nprovides:\n  npm:\n    - { name: '@acme/a', path: ../a }\n`, C),
    `${C}: field "provides.npm[0].path": expected a folder inside the repository such as packages/client (relative, no ".."), got "../a"`,
  ],
  [
    'a package listed twice',
    () => parseComponentConfig(`repo: ${USERS}\nprovides:\n  npm:\n    - { name: '@acme/a', path: a }\n    - { name: '@acme/a', path: b }\n`, C),
    `${C}: field "provides.npm": expected each package name once, got a list`,
  ],
  [
    'workspace: false',
    () => parseComponentConfig(`repo: ${USERS}\nprovides: { npm: { workspace: false } }\n`, C),
    `${C}: field "provides.npm.workspace": expected one of true, got false`,
  ],
  [
    'a prepare command as one string',
    () => parseComponentConfig(`repo: ${USERS}\nprepare: ["npm ci"]\n`, C),
    `${C}: field "prepare[0]": expected array, got "npm ci"; write a YAML list, e.g. [npm, ci]`,
  ],
  [
    'prepare as a word other than auto',
    () => parseComponentConfig(`repo: ${USERS}\nprepare: npm\n`, C),
    `${C}: field "prepare": expected auto, a list of commands or a list of variants ({ when, run }), got "npm"`,
  ],
  [
    'a prepare variant whose run is one command, not a list of them',
    () => parseComponentConfig(`repo: ${USERS}\nprepare:\n  - when: { exists: pnpm-lock.yaml }\n    run: [npm, ci]\n`, C),
    `${C}: field "prepare[0].run[0]": expected array, got "npm"`,
  ],
  [
    'a prepare condition on a path outside the checkout',
    () => parseComponentConfig(`repo: ${USERS}\nprepare:\n  - when: { exists: ../x }\n    run: auto\n`, C),
    `${C}: field "prepare[0].when.exists": expected a path inside the checkout, such as pnpm-lock.yaml, got "../x"`,
  ],
  [
    'a prepare condition on a short SHA',
    () => parseComponentConfig(`repo: ${USERS}\nprepare:\n  - when: { descendsFrom: 1a2b3c }\n    run: auto\n`, C),
    `${C}: field "prepare[0].when.descendsFrom": expected a full 40-character hex commit SHA (short SHAs and branch names are not pins; use \`git rev-parse <ref>\`), got "1a2b3c"`,
  ],
  [
    'a prepare condition with an unknown test',
    () => parseComponentConfig(`repo: ${USERS}\nprepare:\n  - when: { has: x }\n    run: auto\n`, C),
    `${C}: field "prepare[0].when": unknown field "has": remove it or check its spelling`,
  ],
  // seams/<name>/seam.yaml
  [
    'a seam without components',
    () => parseSeamConfig('components: []\ncatches: x\n', S),
    `${S}: field "components": expected at least one component, got 0 items`,
  ],
  ['too many retries', () => parseSeamConfig('components: [users]\ncatches: x\nretries: 9\n', S), `${S}: field "retries": expected at most 5, got 9`],
  ['a ring out of range', () => parseSeamConfig('components: [users]\nring: 4\ncatches: x\n', S), `${S}: field "ring": expected one of 1, 2, 3, got 4`],
  ['a seam without catches', () => parseSeamConfig('components: [users]\n', S), `${S}: field "catches": is required (expected string)`],
  // manifests
  [
    'a short SHA',
    () => parseManifest(pr(cut('auth', 'abc1234')), M),
    `${M}: field "component_under_test.sha": expected a full 40-character hex commit SHA (short SHAs and branch names are not pins; use \`git rev-parse <ref>\`), got "abc1234"`,
  ],
  [
    'a non-hex SHA',
    () => parseManifest(pr(cut('auth', 'g'.repeat(40))), M),
    `${M}: field "component_under_test.sha": expected a full 40-character hex commit SHA (short SHAs and branch names are not pins; use \`git rev-parse <ref>\`), got "${'g'.repeat(40)}"`,
  ],
  [
    'a branch name in ref',
    () => parseManifest(pr(`component_under_test: { name: auth, repo: ${AUTH}, ref: main }`), M),
    `${M}: field "component_under_test.ref": expected a full 40-character hex commit SHA (short SHAs and branch names are not pins; use \`git rev-parse <ref>\`), got "main"`,
  ],
  [
    'sha and ref that disagree',
    () => parseManifest(pr(cut('auth', A, `, ref: ${B}`)), M),
    `${M}: field "component_under_test.ref": expected "ref" equal to "sha" (ref is only an alias of sha), got "${B}"`,
  ],
  [
    'a pin without sha',
    () => parseManifest(pr(`component_under_test: { name: auth, repo: ${AUTH} }`), M),
    `${M}: field "component_under_test.sha": expected a full 40-character hex commit SHA in "sha" (or its alias "ref"), got nothing`,
  ],
  ['an unknown kind', () => parseManifest('kind: nightly\nsubset: full\n', M), `${M}: field "kind": expected one of "pr", "changeset", "full", got "nightly"`],
  [
    'a timestamp that is not UTC RFC 3339',
    () => parseManifest(pr(cut('auth', A)).replace('2026-11-21T12:14:03Z', '2026-11-21 12:14'), M),
    `${M}: field "timestamp": expected an RFC 3339 UTC timestamp such as 2026-11-21T12:14:03Z, got "2026-11-21 12:14"`,
  ],
  ['a PR number that is not a number', () => parseManifest(pr(`pr: seventeen\n${cut('auth', A)}`), M), `${M}: field "pr": expected number, got "seventeen"`],
  [
    'a component pinned twice',
    () => parseManifest(pr(`${cut('auth', A)}\nothers:\n  - { name: auth, repo: ${AUTH}, sha: ${B}, from: main }`), M),
    `${M}: field "others[0].name": component "auth" is already pinned at component_under_test; a tuple names each component once`,
  ],
  [
    'an "others" pin without from',
    () => parseManifest(pr(`${cut('auth', A)}\nothers:\n  - { name: users, repo: ${USERS}, sha: ${B} }`), M),
    `${M}: field "others[0].from": expected one of "known-good", "main", "hold", got nothing`,
  ],
  [
    'a changeset without components under test',
    () => parseManifest('kind: changeset\nchangeset: x\ncomponents_under_test: []\nsubset: pr_fast\ntimestamp: 2026-11-21T12:14:03Z\n', M),
    `${M}: field "components_under_test": expected at least one component under test, got 0 items`,
  ],
];

const sha = (c: string) => c.repeat(40);
const model = (): WorkspaceModel => ({
  integration: parseIntegrationConfig(goodIntegration, I),
  components: {
    users: parseComponentConfig(`repo: ${USERS}\ndependsOn: [auth]\nprovides: { npm: '@acme/users' }\n`, C),
    auth: parseComponentConfig(`repo: ${AUTH}\n`, 'components/auth/component.yaml'),
  },
  seams: { 'users-auth': parseSeamConfig('components: [users, auth]\nsubsets: [pr_fast]\ncatches: a renamed field\n', S) },
});

const crossFile: [string, (m: WorkspaceModel) => void, string][] = [
  [
    'dependsOn an undeclared component',
    (m) => m.components.users.dependsOn.push('billing'),
    `${C}: field "dependsOn[1]": unknown component "billing" (declared: auth, users)`,
  ],
  [
    'a component that depends on itself',
    (m) => (m.components.auth.dependsOn = ['auth']),
    `components/auth/component.yaml: field "dependsOn[0]": a component cannot depend on itself`,
  ],
  [
    'two providers of one package',
    (m) => (m.components.auth.provides.npm = '@acme/users'),
    `components/auth/component.yaml: field "provides.npm": "@acme/users" is already provided by component "users"; each package has one provider`,
  ],
  [
    'a seam naming an undeclared component',
    (m) => m.seams['users-auth'].components.push('billing'),
    `${S}: field "components[2]": unknown component "billing" (declared: auth, users); fix the name, or add it with nx g @seamline/nx:component billing --repo=<url>`,
  ],
  [
    'a seam naming a subset that does not list it',
    (m) => (m.integration.subsets.pr_fast.seams = []),
    `${S}: field "subsets[0]": names subset "pr_fast", but ${I} does not list "users-auth" in subsets.pr_fast.seams; add it there (subsets are curated in one place) or drop it here`,
  ],
  [
    'a subset listing an undeclared seam',
    (m) => (m.integration.subsets.pr_fast.seams = ['users-auth', 'ghost']),
    `${I}: field "subsets.pr_fast.seams[1]": unknown seam "ghost" (declared: users-auth); remove it, or create it with nx g @seamline/nx:seam-test ghost`,
  ],
  [
    'a quarantined seam that does not exist',
    (m) => m.integration.quarantine.push({ seam: 'ghost', reason: 'x', expires: '2027-01-01' }),
    `${I}: field "quarantine[0].seam": unknown seam "ghost" (declared: users-auth); remove the entry`,
  ],
  [
    'a hold on a component that is not declared',
    (m) => m.integration.hold.push({ component: 'ghost', sha: 'a'.repeat(40), reason: 'x', expires: '2027-01-01' }),
    `${I}: field "hold[0].component": unknown component "ghost" (declared: auth, users); remove the entry or fix the name`,
  ],
  [
    'a seam named like a component',
    (m) => (m.seams.auth = m.seams['users-auth']),
    `seams/auth/seam.yaml: seam "auth" has the same name as a component; Nx project names must be unique, rename the seam folder`,
  ],
];

function message(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(SeamlineError);
    return (error as Error).message;
  }
  throw new Error('expected the input to be refused');
}

describe('bad input: one clear line per mistake', () => {
  it('covers at least 20 distinct malformed files', () => {
    expect(cases.length + crossFile.length).toBeGreaterThanOrEqual(20);
  });

  it.each(cases)('%s', (_name, fn, expected) => {
    const text = message(fn);
    expect(text).toBe(expected);
    expect(text).not.toContain('\n');
  });

  it.each(crossFile)('cross-file: %s', (_name, mutate, expected) => {
    const m = model();
    expect(() => checkWorkspaceModel(m)).not.toThrow();
    mutate(m);
    expect(message(() => checkWorkspaceModel(m))).toBe(expected);
  });

  it('refuses a manifest naming a component the workspace does not declare', () => {
    const manifest = parseManifest(pr(`${cut('auth', A)}\nothers:\n  - { name: evil, repo: https://evil.example/x.git, sha: ${sha('c')}, from: main }`), M);
    expect(message(() => checkManifestComponents(manifest, { auth: { repo: AUTH } }, M))).toBe(
      `${M}: unknown component "evil" (declared: auth); nothing is fetched from an undeclared repository`,
    );
  });

  it('refuses a manifest whose repo differs from the declared one', () => {
    const manifest = parseManifest(pr(cut('auth', A)), M);
    expect(message(() => checkManifestComponents(manifest, { auth: { repo: 'https://github.com/other/auth.git' } }, M))).toBe(
      `${M}: component "auth" names repo ${AUTH}, but components/auth/component.yaml declares https://github.com/other/auth.git; regenerate the manifest`,
    );
  });

  it('refuses a manifest that leaves a declared component unpinned', () => {
    const manifest = parseManifest(pr(cut('auth', A)), M);
    expect(message(() => checkManifestComponents(manifest, { auth: { repo: AUTH }, users: { repo: USERS } }, M))).toBe(
      `${M}: does not pin component users; a manifest pins every declared component, regenerate it`,
    );
  });
});
