/**
 * `pnpm bench server`: fan-out of the local IM server.
 *
 * The server runs in a child process (as in real use: its own event loop). This process opens
 * 1,000 receiving WebSocket clients in one room, then 4 `createLocalTIM` senders put in 40 custom
 * messages/s for ~10 s. Each message carries its send time; every receiver records the delay.
 * Prints fan-out latency p50/p99 and server memory per connection; exits 1 when p99 > 50 ms.
 *
 * Receivers are raw `ws` sockets speaking the local protocol by default (`--client raw`): they
 * only timestamp frames, so the figure is the server's fan-out, not 1,000 clients' JSON work
 * sharing one process. `--client tim` uses full `createLocalTIM` instances instead.
 *
 * Options: --clients N (1000), --seconds S (10), --rate R (40 msgs/s), --client raw|tim.
 */
import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { TimMessage } from '@livesell/core';
import { createLocalTIM, type WebSocketConstructorLike } from '@livesell/core/local';

// The workspace root has no dependencies of its own: take `ws` from the server package.
const RawWebSocket: typeof import('ws') = createRequire(new URL('../packages/server/package.json', import.meta.url))(
  'ws',
);
const WebSocket: WebSocketConstructorLike = RawWebSocket;

const TARGET_P99_MS = 50;

interface Ready {
  type: 'ready';
  wsUrl: string;
  sdkAppID: number;
  groupID: string;
  sigs: Record<string, string>;
}
interface Memory {
  type: 'memory';
  rss: number;
  heapUsed: number;
}
interface Stats {
  type: 'stats';
  /** Server CPU time (user + system, µs) since the process started. */
  cpu: number;
  stats: {
    received: number;
    delivered: number;
    dropped: Record<string, number>;
    slowConsumerSkips: number;
    flushes: number;
    flushMsTotal: number;
    flushMsMax: number;
  };
}
type ChildMessage = Ready | Memory | Stats;

async function serve(clients: number): Promise<void> {
  const { startLiveServer } = await import('@livesell/server');
  const server = await startLiveServer({ port: 0, modules: [] });
  const { groupID } = await server.admin.createRoom({ ownerID: 'host', groupID: 'bench' });
  const sigs: Record<string, string> = {};
  for (let i = 0; i < clients; i++) sigs[`viewer${i}`] = server.userSig(`viewer${i}`);
  for (let i = 0; i < 4; i++) sigs[`sender${i}`] = server.userSig(`sender${i}`);
  const measure = (): Memory => {
    (globalThis as { gc?: () => void }).gc?.();
    const m = process.memoryUsage();
    return { type: 'memory', rss: m.rss, heapUsed: m.heapUsed };
  };
  // Never outlive the benchmark, however it ends.
  process.on('disconnect', () => process.exit(0));
  process.on('message', async (msg: { type: string }) => {
    if (msg.type === 'memory') process.send?.(measure());
    if (msg.type === 'stats') {
      const { user, system } = process.cpuUsage();
      process.send?.({ type: 'stats', cpu: user + system, stats: await server.admin.getRoomStats(groupID) });
    }
    if (msg.type === 'stop') {
      await server.close();
      process.exit(0);
    }
  });
  process.send?.({ type: 'ready', wsUrl: server.wsUrl, sdkAppID: server.sdkAppID, groupID, sigs } satisfies Ready);
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      serve: { type: 'boolean' },
      clients: { type: 'string', default: '1000' },
      seconds: { type: 'string', default: '10' },
      rate: { type: 'string', default: '40' },
      client: { type: 'string', default: 'raw' },
    },
  });
  const clients = Number(values.clients);
  if (values.serve) return serve(clients);
  const seconds = Number(values.seconds);
  const rate = Number(values.rate);

  const child = fork(fileURLToPath(import.meta.url), ['--serve', '--clients', String(clients)], {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    stdio: 'inherit',
  });
  const waiters: Array<(m: ChildMessage) => void> = [];
  child.on('message', (m: ChildMessage) => waiters.shift()?.(m));
  const ask = <T extends ChildMessage>(type?: string) =>
    new Promise<T>((resolve) => {
      waiters.push(resolve as (m: ChildMessage) => void);
      if (type) child.send({ type });
    });

  const ready = await ask<Ready>();
  const baseline = await ask<Memory>('memory');
  const TIM = createLocalTIM({
    url: ready.wsUrl,
    WebSocket,
    heartbeatMs: 60_000,
  });

  const latencies = new Float64Array(clients * Math.ceil(seconds * rate + 10));
  let samples = 0;
  let measuring = false;
  const record = (sentAt: number, now: number) => {
    if (samples < latencies.length) latencies[samples++] = now - sentAt;
  };
  const onMessages = (event: { data: unknown }) => {
    if (!measuring) return;
    const now = Date.now();
    for (const m of event.data as TimMessage[]) {
      if (m.type !== 'TIMCustomElem') continue;
      record(Number((m.payload as { extension: string }).extension), now);
    }
  };
  const stamp = /"data":"BENCH","description":"","extension":"(\d+)"/g;
  const rawViewer = (userID: string) =>
    new Promise<{ destroy(): Promise<void> }>((resolve, reject) => {
      const ws = new RawWebSocket(ready.wsUrl, { skipUTF8Validation: true });
      ws.on('open', () =>
        ws.send(JSON.stringify({ id: 1, op: 'login', sdkAppID: ready.sdkAppID, userID, userSig: ready.sigs[userID] })),
      );
      ws.on('error', reject);
      ws.on('message', (data: Buffer) => {
        const text = data.toString();
        if (text.startsWith('{"push"')) {
          if (!measuring) return;
          const now = Date.now();
          for (const m of text.matchAll(stamp)) record(Number(m[1]), now);
          return;
        }
        const reply = JSON.parse(text) as { id: number; code: number; message?: string };
        if (reply.code !== 0) reject(new Error(`${userID}: ${reply.message}`));
        else if (reply.id === 1) ws.send(JSON.stringify({ id: 2, op: 'joinGroup', groupID: ready.groupID }));
        else if (reply.id === 2) resolve({ destroy: async () => ws.close() });
      });
    });

  const t0 = Date.now();
  const viewers = [];
  for (let start = 0; start < clients; start += 50) {
    const batch = [];
    for (let i = start; i < Math.min(clients, start + 50); i++) {
      if (values.client === 'raw') {
        batch.push(rawViewer(`viewer${i}`));
        continue;
      }
      const tim = TIM.create({ SDKAppID: ready.sdkAppID });
      tim.on('onMessageReceived', onMessages);
      batch.push(
        tim
          .login({ userID: `viewer${i}`, userSig: ready.sigs[`viewer${i}`] as string })
          .then(() => tim.joinGroup({ groupID: ready.groupID }))
          .then(() => tim),
      );
    }
    viewers.push(...(await Promise.all(batch)));
  }
  const senders = [];
  for (let i = 0; i < 4; i++) {
    const tim = TIM.create({ SDKAppID: ready.sdkAppID });
    await tim.login({ userID: `sender${i}`, userSig: ready.sigs[`sender${i}`] as string });
    await tim.joinGroup({ groupID: ready.groupID });
    senders.push(tim);
  }
  console.log(`${viewers.length} clients logged in and joined in ${Date.now() - t0} ms`);
  // Let the join tips drain before measuring.
  await new Promise((r) => setTimeout(r, 1500));
  const loaded = await ask<Memory>('memory');

  const before = await ask<Stats>('stats');
  const serverCpuBefore = before.cpu;
  const clientCpuBefore = process.cpuUsage();
  measuring = true;
  const total = Math.round(seconds * rate);
  const start = Date.now();
  const sends: Array<Promise<unknown>> = [];
  for (let n = 0; n < total; n++) {
    const due = start + (n * 1000) / rate;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const tim = senders[n % senders.length];
    if (!tim) continue;
    const msg = tim.createCustomMessage({
      to: ready.groupID,
      conversationType: 'GROUP',
      payload: { data: 'BENCH', description: '', extension: String(Date.now()) },
    });
    sends.push(tim.sendMessage(msg));
  }
  await Promise.allSettled(sends);
  await new Promise((r) => setTimeout(r, 1000));
  measuring = false;
  const clientCpu = process.cpuUsage(clientCpuBefore);
  const { stats, cpu: serverCpuAfter } = await ask<Stats>('stats');
  const busy = (micros: number) => `${((micros / 1000 / (seconds * 1000 + 1000)) * 100).toFixed(0)}%`;

  const sorted = latencies.slice(0, samples).sort();
  const p50 = percentile(sorted, 50);
  const p99 = percentile(sorted, 99);
  const max = sorted[sorted.length - 1] ?? Number.NaN;
  const perConnKB = (loaded.rss - baseline.rss) / 1024 / clients;
  const heapPerConnKB = (loaded.heapUsed - baseline.heapUsed) / 1024 / clients;
  const expected = stats.delivered * clients;
  const kind = values.client === 'raw' ? 'raw ws receivers' : 'createLocalTIM receivers';
  console.log(
    `clients: ${clients} (${kind}; 4 createLocalTIM senders), messages in: ${total} at ${rate}/s over ${seconds} s`,
  );
  console.log(
    `server: received ${stats.received}, delivered ${stats.delivered}, dropped ${JSON.stringify(stats.dropped)}, slow-consumer skips ${stats.slowConsumerSkips}`,
  );
  console.log(`deliveries measured: ${samples} of ${expected}`);
  console.log(
    `server fan-out (writing one batch to every socket) while sending: ${stats.flushes - before.stats.flushes} batches, mean ${((stats.flushMsTotal - before.stats.flushMsTotal) / (stats.flushes - before.stats.flushes)).toFixed(1)} ms`,
  );
  console.log(
    `CPU while sending: server ${busy(serverCpuAfter - serverCpuBefore)} of a core, clients ${busy(clientCpu.user + clientCpu.system)}`,
  );
  console.log(`fan-out latency: p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${max.toFixed(1)} ms`);
  console.log(
    `server memory per connection: ${perConnKB.toFixed(1)} KB RSS, ${heapPerConnKB.toFixed(1)} KB heap (after GC)`,
  );

  await Promise.all([...viewers, ...senders].map((t) => t.destroy()));
  child.send({ type: 'stop' });
  await new Promise((r) => child.once('exit', r));
  const ok = p99 <= TARGET_P99_MS && samples === expected;
  console.log(
    ok ? `PASS: p99 ≤ ${TARGET_P99_MS} ms` : `FAIL: target p99 ≤ ${TARGET_P99_MS} ms with every delivery measured`,
  );
  process.exit(ok ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
