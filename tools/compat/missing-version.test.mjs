import assert from 'node:assert/strict';
import { test } from 'node:test';
import { missingVersion } from './missing-version.mjs';

// Each as the tool printed it here for `add zod@^99.1.0` (npm 12.2.3, pnpm 12.24.0, yarn 4.18.1 and 1.22.22, bun 1.4.5).
const printed = {
  npm: "npm error code ETARGET\nnpm error notarget No matching version found for zod@^99.1.0.\nnpm error notarget In most cases you or one of your dependencies are requesting a package version that doesn't exist.",
  pnpm: 'Error: ERR_PNPM_NO_MATCHING_VERSION\n\n  × adding a new package\n  ╰─▶ Failed to resolve dependency tree: No matching version found for zod@^99.1.0 while fetching it from https://registry.npmjs.org/',
  yarn: '➤ YN0082: │ zod@npm:^99.1.0: No candidates found\n➤ YN0000: └ Completed',
  'yarn-classic': '[1/4] Resolving packages...\nerror Couldn\'t find any versions for "zod" that matches "^99.1.0"',
  bun: 'error: No version matching "^99.1.0" found for specifier "zod" (but package exists)\nerror: zod@^99.1.0 failed to resolve',
};

for (const [pm, output] of Object.entries(printed))
  test(`${pm}: names the package and the range`, () => assert.deepEqual(missingVersion(output), { name: 'zod', range: '^99.1.0' }));

test('a scoped package keeps its scope', () => {
  assert.deepEqual(missingVersion('npm error notarget No matching version found for @nx/devkit@^23.0.0.'), { name: '@nx/devkit', range: '^23.0.0' });
  assert.deepEqual(missingVersion('➤ YN0082: │ @nx/devkit@npm:^23.0.0: No candidates found'), { name: '@nx/devkit', range: '^23.0.0' });
});

test('any other failure is not a missing version', () => {
  assert.equal(missingVersion('npm error code E404\nnpm error 404 Not Found - GET https://registry.npmjs.org/nope'), undefined);
  assert.equal(missingVersion('npm error code ERESOLVE\nnpm error ERESOLVE unable to resolve dependency tree'), undefined);
});
