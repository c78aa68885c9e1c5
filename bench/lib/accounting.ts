import type { BenchResult } from '../../demo-app/src/bench/bench-api';
import { type Check, check } from './report';

/** The flood's totals: every message delivered reached the store and was shown, merged or dropped. */
export function accountingCheck(r: BenchResult): Check {
  const s = r.store;
  const expected = r.plan.burst + Math.round(r.plan.rate * r.plan.seconds);
  const ok =
    r.delivered === expected &&
    r.liveSell.received === r.delivered &&
    s.received === r.delivered - r.liveSell.dropped &&
    s.pending === 0 &&
    s.received === s.shown + s.merged + s.dropped;
  const reasons = Object.entries(s.droppedByReason)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  return check(
    'every message counted',
    ok,
    `delivered ${r.delivered}, TIMLiveSell received ${r.liveSell.received} (dropped ${r.liveSell.dropped}), ` +
      `store received ${s.received} = shown ${s.shown} + merged ${s.merged} + dropped ${s.dropped}` +
      `${reasons ? ` (${reasons})` : ''} + pending ${s.pending}; ${s.commits} commits`,
  );
}
