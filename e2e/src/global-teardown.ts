import { removeTemplate } from './e2e-workspace';

export default async function globalTeardown(): Promise<void> {
  await removeTemplate();
}
