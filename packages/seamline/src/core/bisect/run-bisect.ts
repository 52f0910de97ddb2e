import { type BisectInput, planBisect } from './plan-bisect';
import type { Probe, ProbeResult } from './probe';
import type { BisectVerdict } from './verdict';

export interface BisectStep {
  probe: Probe;
  result: ProbeResult;
}

export interface BisectRun {
  verdict: BisectVerdict;
  probes: BisectStep[];
}

/**
 * Drive planBisect with an async probe (run the suite at a tuple). Still pure:
 * the only effects are the caller's. `onProbe` sees each step as it completes
 * (run is 1-based), for progress lines.
 */
export async function runBisect(
  input: BisectInput,
  probe: (p: Probe) => Promise<ProbeResult>,
  onProbe?: (step: BisectStep, run: number) => void,
): Promise<BisectRun> {
  const plan = planBisect(input);
  const probes: BisectStep[] = [];
  for (let next = plan.next(); ;) {
    if (next.done) return { verdict: next.value, probes };
    const step = { probe: next.value, result: await probe(next.value) };
    probes.push(step);
    onProbe?.(step, probes.length);
    next = plan.next(step.result);
  }
}
