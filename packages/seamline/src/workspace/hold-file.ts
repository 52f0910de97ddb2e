import { join } from 'node:path';
import type { Hold } from '../core/config/integration-config';
import { integrationConfigPath } from '../core/config/workspace-model';
import { releaseHold, setHold } from '../core/hold/edit-holds';
import { checkHoldComponent, holdFromOptions, type HoldOptions } from '../core/hold/hold-input';
import { writeFileAtomic } from '../fs/atomic-write';
import { loadWorkspace, readText } from './load-workspace';

/**
 * Write the hold the options ask for into integration/seamline.yaml (or, with
 * `release`, delete the hold on that component), editing only the hold list.
 * Inputs are checked against the workspace as it is; nothing is written on a problem.
 */
export async function writeHold(
  root: string,
  options: HoldOptions & { release?: boolean },
  today: string,
): Promise<{ action: 'held' | 'replaced' | 'released' | 'not held'; hold?: Hold; previous?: Hold }> {
  const model = await loadWorkspace(root);
  const declared = Object.keys(model.components);
  const file = join(root, integrationConfigPath);
  const text = await readText(root, integrationConfigPath);
  if (options.release) {
    const component = checkHoldComponent(options.component, declared);
    const { text: edited, released } = releaseHold(text, component);
    if (!released) return { action: 'not held' };
    await writeFileAtomic(file, edited);
    return { action: 'released', hold: released };
  }
  const hold = holdFromOptions(options, declared, today);
  const { text: edited, replaced } = setHold(text, hold);
  await writeFileAtomic(file, edited);
  return { action: replaced ? 'replaced' : 'held', hold, ...(replaced ? { previous: replaced } : {}) };
}
