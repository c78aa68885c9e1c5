/**
 * What to do after the platform gives up reconnecting (−2301 / −1307): the mini program leaves
 * restarting to the developer; the kit restarts itself with exponential back-off, up to a limit.
 */
export interface RestartPolicy {
  /** Restarts after a give-up before the machine enters `error`. 0 disables restarting. */
  maxRestarts: number;
  /** Delay before the first restart, ms; doubled for each further one. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const defaultRestartPolicy: RestartPolicy = { maxRestarts: 3, baseDelayMs: 1000, maxDelayMs: 8000 };

/** Delay before restart number `attempt` (1-based). */
export function restartDelay(policy: RestartPolicy, attempt: number): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
}
