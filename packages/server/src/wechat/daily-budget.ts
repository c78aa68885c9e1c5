import { type Clock, LiveSellError } from '@livesell/core';

export interface DailyBudgetSnapshot {
  limit: number;
  used: number;
  remaining: number;
  /** The current day in the budget's time zone, `YYYY-MM-DD`. */
  day: string;
  /** When the budget next resets (ms since the epoch): the coming midnight in the time zone. */
  resetsAt: number;
}

export interface DailyBudget {
  /** Spends one call, or throws `LiveSellError('BUDGET_EXCEEDED')` without spending. */
  take(api: string): void;
  /** Marks the day as used up (WeChat said its own quota is gone). */
  exhaust(): void;
  snapshot(): DailyBudgetSnapshot;
}

const HOUR = 3_600_000;

/**
 * A per-day call budget that resets at midnight in `timeZone` (WeChat counts days in China time,
 * hence the Asia/Shanghai default). Held in memory: run one client per process, or share one.
 */
export function createDailyBudget(options: { limit: number; timeZone: string; clock: Clock }): DailyBudget {
  const { limit, clock } = options;
  if (!Number.isInteger(limit) || limit < 0) {
    throw new LiveSellError('INVALID_ARGUMENT', `dailyBudget must be a non-negative integer, got ${limit}`);
  }
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone: options.timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
  } catch (cause) {
    throw new LiveSellError('INVALID_ARGUMENT', `unknown time zone ${options.timeZone}`, { cause });
  }
  const parts = (ms: number) => {
    const p: Record<string, string> = {};
    for (const { type, value } of format.formatToParts(ms)) p[type] = value;
    return p;
  };
  const dayOf = (ms: number) => {
    const p = parts(ms);
    return `${p.year}-${p.month}-${p.day}`;
  };

  let day = '';
  let used = 0;

  function roll(now: number): void {
    const today = dayOf(now);
    if (today !== day) {
      day = today;
      used = 0;
    }
  }

  function resetsAt(now: number): number {
    const p = parts(now);
    const elapsed = ((Number(p.hour) * 60 + Number(p.minute)) * 60 + Number(p.second)) * 1000 + (now % 1000);
    let next = now - elapsed + 24 * HOUR;
    // Days with a daylight-saving change are 23 or 25 hours long.
    for (let i = 0; i < 3 && dayOf(next) === day; i++) next += HOUR;
    for (let i = 0; i < 3 && dayOf(next - HOUR) !== day; i++) next -= HOUR;
    return next;
  }

  function snapshot(): DailyBudgetSnapshot {
    const now = clock.now();
    roll(now);
    return { limit, used, remaining: Math.max(0, limit - used), day, resetsAt: resetsAt(now) };
  }

  return {
    take(api) {
      const now = clock.now();
      roll(now);
      if (used >= limit) {
        const s = snapshot();
        throw new LiveSellError(
          'BUDGET_EXCEEDED',
          `${api}: daily budget of ${limit} calls used up until ${new Date(s.resetsAt).toISOString()}`,
          {
            details: { api, limit, used, day, resetsAt: s.resetsAt },
          },
        );
      }
      used += 1;
    },
    exhaust() {
      roll(clock.now());
      used = Math.max(used, limit);
    },
    snapshot,
  };
}
