/**
 * `pnpm bench replay [--events N]`: the replay timeline's storage, in Node with the server's real
 * SQLite (libsql, WAL) on disk.
 *
 * Fills one room's timeline with 500,000 events spread over a 2-hour show (the mix of a busy
 * room: mostly chat, likes and joins aggregated per second, gifts, purchases, a few explain and
 * status changes), through the same `TimelineStore` the server writes with, then asks for 400
 * random 60-second windows the way a replay player does (`GET …/timeline?from&to&limit=500`,
 * following `next`), and prints the median and p95 time per window and the database bytes per
 * 100,000 events.
 *
 * Target (docs/guides/replays.md): a 60-second window in ≤ 20 ms (median). Exits 1 when missed.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DATABASE_FILE, openDatabase } from '../packages/server/src/db';
import { type NewTimelineEvent, TimelineStore, type TimelineType } from '../packages/server/src/replay/timeline';
import { check, finish, machineLoad, printChecks } from './lib/report';
import { f1, f2, mb } from './lib/stats';

const { values } = parseArgs({ options: { events: { type: 'string', default: '500000' } } });
const TOTAL = Math.max(1000, Math.min(5_000_000, Number(values.events) || 500_000));
const SHOW_MS = 2 * 3600_000;
const WINDOW_MS = 60_000;
const QUERIES = 400;
const TARGET_MS = 20;

const dir = mkdtempSync(join(tmpdir(), 'livesell-bench-replay-'));
const db = openDatabase(dir);
const store = new TimelineStore(db);
const room = 'bench-room';
const start = Date.UTC(2026, 0, 1, 12);

/** A deterministic pseudo-random sequence, so runs compare. */
let seed = 42;
const rand = () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
};

const MIX: Array<[TimelineType, number]> = [
  ['chat', 0.8],
  ['like', 0.07],
  ['join', 0.07],
  ['gift', 0.04],
  ['purchase', 0.015],
  ['coupon_claim', 0.004],
  ['explain', 0.0008],
  ['coupon_issue', 0.0001],
  ['announcement', 0.0001],
];

function event(i: number): NewTimelineEvent {
  const at = start + Math.floor((i / TOTAL) * SHOW_MS);
  const r = rand();
  let acc = 0;
  let type: TimelineType = 'chat';
  for (const [t, p] of MIX) {
    acc += p;
    if (r < acc) {
      type = t;
      break;
    }
  }
  const user = `user${Math.floor(rand() * 20000)}`;
  switch (type) {
    case 'chat':
      return {
        roomID: room,
        at,
        type,
        messageID: `msg-${i}`,
        userID: user,
        nick: `Viewer ${user.slice(4)}`,
        data: { text: `this looks great, how much is the ${i % 50}th one?` },
      };
    case 'like':
      return { roomID: room, at, type, data: { count: 1 + Math.floor(rand() * 40), total: i } };
    case 'join':
      return { roomID: room, at, type, data: { count: 3, userIDs: [user, `${user}a`, `${user}b`] } };
    case 'gift':
      return { roomID: room, at, type, userID: user, nick: user, data: { giftID: 'rose', name: 'Rose', count: 1 } };
    case 'purchase':
      return { roomID: room, at, type, userID: user, nick: user, data: { goodsID: 'g1', title: 'Mug', quantity: 1 } };
    case 'explain':
      return { roomID: room, at, type, data: { goodsID: `g${i % 9}`, title: 'Tea mug', price: 3900 } };
    default:
      return { roomID: room, at, type, data: { couponID: 'c1', title: '¥5 off' } };
  }
}

const t0 = performance.now();
for (let i = 0; i < TOTAL; i++) store.add(event(i));
store.flush();
const fillMs = performance.now() - t0;
db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
const bytes = statSync(join(dir, DATABASE_FILE)).size;

const times: number[] = [];
let returned = 0;
for (let q = 0; q < QUERIES; q++) {
  const from = start + Math.floor(rand() * (SHOW_MS - WINDOW_MS));
  const t = performance.now();
  let after: { at: number; seq: number } | undefined;
  for (let page = 0; page < 100; page++) {
    const { events, seqs } = store.query(room, { from, to: from + WINDOW_MS, limit: 501, after });
    returned += Math.min(events.length, 500);
    if (events.length <= 500) break;
    after = { at: events[499]!.at, seq: seqs[499]! };
  }
  times.push(performance.now() - t);
}
times.sort((a, b) => a - b);
const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]!;
const medianMs = pct(50);
const p95Ms = pct(95);

console.log(`\nreplay timeline  [${machineLoad()}]`);
console.log(`  filled ${TOTAL.toLocaleString('en')} events over 2 h in ${f1(fillMs / 1000)} s`);
console.log(`  database ${mb(bytes)}: ${mb((bytes / TOTAL) * 100_000)} per 100,000 events`);
console.log(
  `  ${QUERIES} random 60 s windows (${f1(returned / QUERIES)} events each): median ${f2(medianMs)} ms, p95 ${f2(p95Ms)} ms`,
);
const checks = [check('60 s window, median', medianMs <= TARGET_MS, `${f2(medianMs)} ms (target ≤ ${TARGET_MS} ms)`)];
printChecks(checks);
db.close();
rmSync(dir, { recursive: true, force: true });
finish(checks);
