import { removeTemplate } from './e2e-workspace';

export default async function globalTeardown(): Promise<void> {
  await removeTemplate();
  const { default: removeOwnCheckoutsDir } = await import('../../tools/jest/global-teardown.cjs');
  await removeOwnCheckoutsDir();
}
