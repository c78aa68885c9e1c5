import type { BenchResult } from '../../demo-app/src/bench/bench-api';
import type { FloodPlan } from '../../demo-app/src/bench/flood-driver';
import { loadWeapp, type SetDataRecord, WEAPP_BENCH_DIST, type WeappPage } from '../../tests/weapp/harness';
import { max, percentile } from './stats';

export const BENCH_ROUTE = 'pages/bench/index';
/**
 * Messages taken in before the measured flood: the ring is full when it starts. 1,000 at
 * 1,000 msgs/s is ~20 commits of ≤ 6 rows for 50 slots; 500 gave 9 commits, 54 rows even with
 * punctual timers, and a loaded machine's late timers left slots empty.
 */
export const WARMUP_MESSAGES = 1000;

type DataPath = Array<string | number>;

/** `root.cn.[0].cn.[2].cl` → ['root', 'cn', 0, 'cn', 2, 'cl'] (WeChat data paths). */
export function parseDataPath(key: string): DataPath {
  const out: DataPath = [];
  for (const m of key.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : (m[1] as string));
  return out;
}

/** Data path of the first node whose class list has `className`, in Taro's page data. */
export function findNodePath(data: Record<string, unknown>, className: string): DataPath | undefined {
  const walk = (node: unknown, path: DataPath): DataPath | undefined => {
    if (!node || typeof node !== 'object') return undefined;
    const n = node as { cl?: unknown; cn?: unknown };
    if (typeof n.cl === 'string' && n.cl.split(/\s+/).includes(className)) return path;
    if (!Array.isArray(n.cn)) return undefined;
    for (let i = 0; i < n.cn.length; i++) {
      const found = walk(n.cn[i], [...path, 'cn', i]);
      if (found) return found;
    }
    return undefined;
  };
  return walk(data.root, ['root']);
}

/** Keys that replace the list's whole children array (the key is the list path, an ancestor, or `…list.cn`). */
export function listResends(records: readonly SetDataRecord[], listPath: DataPath): string[] {
  const children = [...listPath, 'cn'];
  const out: string[] = [];
  for (const r of records) {
    for (const key of r.keys) {
      const path = parseDataPath(key);
      if (path.length <= children.length && path.every((p, i) => p === children[i])) out.push(key);
    }
  }
  return out;
}

/** Most calls in any one-second window. */
export function maxCallsPerSecond(records: readonly SetDataRecord[]): number {
  const times = records.map((r) => r.time).sort((a, b) => a - b);
  let best = 0;
  let lo = 0;
  for (let hi = 0; hi < times.length; hi++) {
    while ((times[hi] as number) - (times[lo] as number) >= 1000) lo++;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}

/** Taro's raw data of the node at `path` (attributes the templates do not bind, such as `dataState`). */
export function nodeData(data: Record<string, unknown>, path: DataPath): Record<string, unknown> | undefined {
  let cursor: unknown = data;
  for (const p of path) cursor = (cursor as Record<string | number, unknown> | undefined)?.[p];
  return cursor && typeof cursor === 'object' ? (cursor as Record<string, unknown>) : undefined;
}

/** The bench page's phase (`data-state` is in Taro's data; WeChat templates do not render it). */
export function benchPhase(page: WeappPage): string | undefined {
  const path = findNodePath(page.instance.data, 'bench-page');
  const state = path ? nodeData(page.instance.data, path)?.dataState : undefined;
  return typeof state === 'string' ? state : undefined;
}

export function parseResult(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of text.matchAll(/(\w+)=([\d.]+)/g)) out[m[1] as string] = Number(m[2]);
  return out;
}

export interface WeappFloodRun {
  records: SetDataRecord[];
  /** Harness ms from the Start tap to the result. */
  durationMs: number;
  result: Record<string, number>;
  resultText: string;
  listPath: DataPath;
  /** Empty ring slots when the flood started (0: the ring was full). */
  emptySlotsAtStart: number;
  resends: string[];
  maxPerSecond: number;
  meanPerSecond: number;
  p50Bytes: number;
  p95Bytes: number;
  maxBytes: number;
  errors: unknown[];
}

async function waitFor<T>(page: WeappPage, check: () => T | undefined, timeoutMs: number): Promise<T> {
  return page.waitFor(check, timeoutMs);
}

/**
 * Loads the weapp build in the runtime harness (real timers), opens the bench page, warms it up,
 * taps Start, and returns every `setData` the page made from the tap to the result. `query` adds
 * page parameters; with `{ list: 'naive' }` (the baseline of `pnpm bench compare`) there is no
 * ring, and `listPath`, `emptySlotsAtStart` and `resends` are left empty.
 */
export async function runWeappFlood(
  plan: Omit<FloodPlan, 'tickMs'>,
  dist = WEAPP_BENCH_DIST,
  query: Record<string, string> = {},
): Promise<WeappFloodRun> {
  const runtime = loadWeapp({ dist });
  try {
    const page = runtime.openPage(BENCH_ROUTE, {
      rate: String(plan.rate),
      seconds: String(plan.seconds),
      burst: String(plan.burst),
      warmup: String(WARMUP_MESSAGES),
      ...query,
    });
    await waitFor(page, () => benchPhase(page) === 'ready' || undefined, 30_000);
    const naive = query.list === 'naive';
    const listPath = naive ? [] : findNodePath(page.instance.data, 'ls-danmaku__rows');
    if (!listPath) throw new Error('the bench page has no danmaku list (.ls-danmaku__rows)');
    if (naive && !findNodePath(page.instance.data, 'naive-chat')) throw new Error('the bench page has no naive list');
    const emptySlotsAtStart = page.findAll('.ls-danmaku__row--empty').length;
    const from = runtime.setDataLog.length;
    const t0 = runtime.now();
    page.tap(page.get('button.bench-start'));
    const resultNode = await waitFor(page, () => page.find('.bench-result'), (plan.seconds + 60) * 1000);
    const durationMs = runtime.now() - t0;
    const records = runtime.setDataLog.slice(from).filter((r) => r.route === BENCH_ROUTE);
    const bytes = records.map((r) => r.bytes);
    const resultText = page.text(resultNode);
    return {
      records,
      durationMs,
      result: parseResult(resultText),
      resultText,
      listPath,
      emptySlotsAtStart,
      resends: naive ? [] : listResends(records, listPath),
      maxPerSecond: maxCallsPerSecond(records),
      meanPerSecond: (records.length * 1000) / durationMs,
      p50Bytes: percentile(bytes, 50),
      p95Bytes: percentile(bytes, 95),
      maxBytes: max(bytes),
      errors: [...runtime.errors],
    };
  } finally {
    runtime.close();
  }
}

/** The page's result line as a `BenchResult` (the fields the accounting check reads). */
export function toBenchResult(r: Record<string, number>, plan: Omit<FloodPlan, 'tickMs'>): BenchResult {
  const n = (k: string) => r[k] ?? Number.NaN;
  return {
    plan: { ...plan, tickMs: 20 },
    delivered: n('delivered'),
    floodMs: n('floodMs'),
    maxDeliverMs: n('maxDeliverMs'),
    liveSell: { received: n('tlsReceived'), dropped: n('tlsDropped') },
    store: {
      received: n('received'),
      shown: n('shown'),
      merged: n('merged'),
      dropped: n('dropped'),
      droppedByReason: { overflow: n('overflow'), duplicate: 0, invalid: 0, stale: 0, untrusted: 0 },
      pending: n('pending'),
      commits: n('commits'),
    },
  };
}
