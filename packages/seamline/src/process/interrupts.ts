import { constants } from 'node:os';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
/** A second Ctrl-C this long after the first leaves at once; Nx and the terminal can send one signal twice in a burst. */
const AGAIN_MS = 1000;

export interface InterruptWatch {
  /** The first signal received while watching; undefined while none was. */
  readonly signal: NodeJS.Signals | undefined;
  stop(): void;
}

/**
 * While a run goes on, a Ctrl-C (SIGINT), SIGTERM or SIGHUP is noted instead of ending the process
 * at once, so the run can stop at its next step and still write what it did, marked interrupted:
 * a run cut short must not be read as a failing seam or a failing commit. The processes the run
 * started get the terminal's signal themselves. A second Ctrl-C, a second or more later, leaves at once.
 */
export function watchInterrupts(onFirst: (signal: NodeJS.Signals) => void): InterruptWatch {
  let received: { signal: NodeJS.Signals; at: number } | undefined;
  const handler = (signal: NodeJS.Signals) => {
    if (!received) {
      received = { signal, at: Date.now() };
      onFirst(signal);
    } else if (signal === 'SIGINT' && received.signal === 'SIGINT' && Date.now() - received.at >= AGAIN_MS) {
      process.exit(128 + constants.signals.SIGINT);
    }
  };
  for (const signal of SIGNALS) process.on(signal, handler);
  return {
    get signal() {
      return received?.signal;
    },
    stop: () => {
      for (const signal of SIGNALS) process.off(signal, handler);
    },
  };
}
