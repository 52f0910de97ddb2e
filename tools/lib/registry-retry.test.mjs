import assert from 'node:assert/strict';
import { test } from 'node:test';
import { onceMoreIfRegistryFailed } from './registry-retry.mjs';

// What npm prints when the registry reset the connection, and when a version does not exist.
const reset = Object.assign(new Error('npm install failed'), { stderr: 'npm error code ECONNRESET\nnpm error network aborted' });
const missing = Object.assign(new Error('npm install failed'), { stderr: 'npm error code ETARGET\nnpm error notarget No matching version' });
const registryFailureLine = (log) => /npm error code (ECONNRESET|E5\d\d)/.exec(log)?.[0];

function attempts(...outcomes) {
  let calls = 0;
  const attempt = async () => {
    const outcome = outcomes[calls++];
    if (outcome instanceof Error) throw outcome;
    return outcome;
  };
  return { attempt, calls: () => calls };
}

test('a registry failure is tried once more, and says so', async () => {
  const said = [];
  const { attempt, calls } = attempts(reset, 'installed');
  assert.equal(await onceMoreIfRegistryFailed(attempt, { registryFailureLine, what: 'install', pauseMs: 0, say: (l) => said.push(l) }), 'installed');
  assert.equal(calls(), 2);
  assert.deepEqual(said, ['install: the registry or the network failed it (npm error code ECONNRESET); once more in 0 s']);
});

test('only once: a registry that keeps failing fails with the second error', async () => {
  const second = Object.assign(new Error('again'), { stderr: reset.stderr });
  const { attempt, calls } = attempts(reset, second, 'never');
  await assert.rejects(onceMoreIfRegistryFailed(attempt, { registryFailureLine, what: 'install', pauseMs: 0, say: () => {} }), second);
  assert.equal(calls(), 2);
});

test('anything else fails at once', async () => {
  const { attempt, calls } = attempts(missing, 'never');
  await assert.rejects(onceMoreIfRegistryFailed(attempt, { registryFailureLine, what: 'install', pauseMs: 0, say: () => {} }), missing);
  assert.equal(calls(), 1);
});
