// ESLint flat config: the recommended JS and TypeScript rules, plus the layers of
// packages/seamline/src (docs/development.md) as import rules.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import globals from 'globals';

const root = fileURLToPath(new URL('.', import.meta.url));
const SRC = 'packages/seamline/src';

/** The entries (files and folders) of `dir`, as repository paths, without `except`. */
const entriesOf = (dir, except = []) =>
  readdirSync(new URL(`${dir}/`, import.meta.url), { withFileTypes: true })
    .filter((entry) => !except.includes(entry.name))
    .map((entry) => `${dir}/${entry.name}`);
const foldersOf = (dir) =>
  readdirSync(new URL(`${dir}/`, import.meta.url), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);

const ADAPTERS = ['git', 'github', 'store', 'render', 'prepare', 'fs', 'process'];
const src = (...names) => names.map((name) => `${SRC}/${name}`);

// Executors and generators are entry points: a folder is imported only by its own files.
// The one shared file of each (run-executor.ts, versions.ts) is imported only from inside it.
const entryPointZones = (kind, shared, message) => [
  ...foldersOf(`${SRC}/${kind}`).map((name) => ({
    target: [...entriesOf(SRC, [kind]), ...entriesOf(`${SRC}/${kind}`, [name])],
    from: `${SRC}/${kind}/${name}`,
    message: `src/${kind}/${name}/ ${message}`,
  })),
  {
    target: entriesOf(SRC, [kind]),
    from: `${SRC}/${kind}/${shared}`,
    message: `src/${kind}/${shared} is the shell shared by the ${kind}: only files under src/${kind}/ import it. Move the type or helper you need into core/ (pure) or run/, and import it from there.`,
  },
];

const executorZones = entryPointZones(
  'executors',
  'run-executor.ts',
  'is one executor (an Nx entry point that only wires core, the adapters and run/): only its own files import it. Move what you need into core/ (pure) or an adapter, and import it from there.',
);
const layerZones = [
  ...executorZones,
  ...entryPointZones(
    'generators',
    'versions.ts',
    'is one generator (an Nx entry point): only its own files import it. Move what you need into core/ or a shared module outside src/generators/.',
  ),
  {
    target: src('core'),
    from: src(...ADAPTERS, 'workspace', 'run', 'plugin', 'testing', '__fixtures__', 'index.ts', 'library.ts'),
    message:
      'src/core is the functional core: pure domain logic that imports only core/ (and zod, yaml, node:crypto, node:path). Do the I/O in the caller (run/, workspace/, an adapter) and pass the data into core as arguments.',
  },
  {
    target: src('run'),
    from: src('plugin'),
    message:
      'src/run orchestrates a run from core and the adapters; the Nx plugin (src/plugin) and the executors call run/, never the reverse. Move the shared constant or type into core/ or run/ and import it from both.',
  },
  ...[src('run', 'plugin'), src('workspace')].map((from) => ({
    target: src(...ADAPTERS),
    from,
    // workspace/layout.ts is a leaf (path arithmetic only) that owns every path under .seamline/.
    except: from[0].endsWith('/workspace') ? ['./layout.ts'] : [],
    message:
      'src/{git,github,store,render,prepare,fs,process} are adapters: one kind of I/O each, called by run/, workspace/ and the executors. An adapter never imports its callers (workspace/layout.ts, the paths under .seamline/, excepted): take what you need as a parameter, or move the shared type into core/.',
  })),
];

const CORE_IO =
  'src/core is the functional core: no file system, processes, network, Nx or GitHub. Do the I/O in an adapter (git/, github/, store/, fs/, process/...) or in run/, and pass the data into core as arguments.';
const IO_MODULES = '^(node:)?(fs|fs/promises|child_process|net|http|https|http2|os|dns|tls|dgram|worker_threads|readline)$';
const IO_PACKAGES = '^(execa|proper-lockfile|nx)(/.*)?$|^@(octokit|nx)/';

export default defineConfig(
  {
    ignores: ['**/dist/', '**/coverage/', '**/node_modules/', '**/.nx/', '**/tmp/', '**/.seamline/', `${SRC}/generators/*/files/`],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['**/*.cjs', 'packages/seamline/testing.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    rules: {
      // `_name` marks a parameter or binding that is unused on purpose.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
    },
  },
  {
    files: [`${SRC}/**/*.{ts,mjs,cjs,js}`],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.d.ts', '.mjs', '.cjs', '.js', '.json'] })],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { basePath: root, zones: layerZones }],
      'no-restricted-properties': [
        'error',
        {
          property: 'localeCompare',
          message:
            "localeCompare orders by the user's locale (LANG), so the same input sorts differently on another machine; use compareText from src/core/compare-text.",
        },
      ],
    },
  },
  {
    // An executor's spec may drive a sibling executor to set up its scenario (record a
    // known good, write a manifest); production code of an executor may not.
    files: [`${SRC}/executors/**/*.spec.ts`],
    rules: {
      'import-x/no-restricted-paths': ['error', { basePath: root, zones: layerZones.filter((zone) => !executorZones.includes(zone)) }],
    },
  },
  {
    // The code an executor process loads: @nx/devkit's index loads much of Nx (about 85 ms a run), so only its types.
    files: [`${SRC}/{executors,run,workspace,terminal,${ADAPTERS.join(',')}}/**/*.ts`],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@nx/devkit',
              allowTypeImports: true,
              message:
                'executors and what they run import only types from @nx/devkit: its index loads much of Nx in every executor process. Log with src/terminal/logger; take what you need from the ExecutorContext.',
            },
          ],
        },
      ],
    },
  },
  {
    files: [`${SRC}/core/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: IO_MODULES, message: CORE_IO },
            { regex: IO_PACKAGES, message: CORE_IO },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          // await import('execa') and friends: the same modules, loaded lazily.
          selector: `ImportExpression[source.value=/${IO_MODULES.replaceAll('/', '\\/')}|${IO_PACKAGES.replaceAll('/', '\\/')}/]`,
          message: CORE_IO,
        },
      ],
    },
  },
);
