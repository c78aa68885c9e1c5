/**
 * `pnpm bench abuse`: the local server under the hostile mix of issue 11, for 60 s.
 *
 * Three processes, so that no side's event loop skews another's figures:
 * - the server (`--role serve`): `startLiveServer` with the merchant and media modules on 127.0.0.1;
 * - the attackers (`--role attack`): a client that never reads (getUserProfile of 100 users, over
 *   and over, reconnecting when closed), an RTMP fuzzer (malformed handshakes and chunks), a chat
 *   spammer at 2,000 msgs/s with High priority, an order flooder (8 loops as one user) and a
 *   header-backtracking sender (`Authorization: Bearer` + 16,000 spaces, 4 connections);
 * - this process: 50 honest viewers chatting (one message every 3 s each, stamped with its send
 *   time) and one buyer ordering every 2 s.
 *
 * Prints the server's peak RSS, the honest delivery ratio (messages received by the other honest
 * viewers / expected) and honest p99 latency, and exits 1 unless the server is alive at the end,
 * RSS < 400 MB, delivery ≥ 95 % and p99 ≤ 250 ms. Every byte goes to 127.0.0.1; every loop stops
 * at the deadline.
 *
 * Options: --seconds S (60), --viewers N (50), --skip a,b (leave attackers out: reader, rtmp, spam,
 * orders, auth — e.g. to measure one side of the fixes on its own).
 */
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { createRequire } from 'node:module';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const RawWebSocket: typeof import('ws') = createRequire(new URL('../packages/server/package.json', import.meta.url))(
  'ws',
);
type Ws = import('ws').WebSocket;

const TARGETS = { rssMB: 400, delivery: 0.95, p99Ms: 250 };
const GOODS = 'bench-goods';

interface Ready {
  type: 'ready';
  pid: number;
  wsUrl: string;
  httpUrl: string;
  rtmpPort: number;
  sdkAppID: number;
  groupID: string;
  sigs: Record<string, string>;
}

// ---- the server --------------------------------------------------------------------------------

async function serve(viewers: number): Promise<void> {
  const { startLiveServer, createMediaModule, merchantModule } = await import('../packages/server/src/index');
  const server = await startLiveServer({
    port: 0,
    modules: [
      { name: 'merchant', factory: merchantModule },
      { name: 'media', factory: createMediaModule({ enabled: true, testPattern: false }) },
    ],
  });
  const { groupID } = await server.admin.createRoom({ ownerID: 'host', groupID: 'abuse' });
  const sigs: Record<string, string> = {};
  const users = [
    'host',
    'buyer',
    'reader',
    'spammer',
    'flooder',
    ...Array.from({ length: viewers }, (_, i) => `v${i}`),
  ];
  for (const u of users) sigs[u] = server.userSig(u);
  for (let i = 0; i < 100; i++) {
    await server.admin.setProfile({ userID: `p${i}`, nick: 'n'.repeat(500), avatar: `https://a/${'x'.repeat(480)}` });
  }
  const media = server.modules.find((m) => m.name === 'media') as { info: { rtmpUrl?: string } };
  // The server's own event-loop delay tells its stalls apart from the machine's load on the clients.
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  process.on('disconnect', () => process.exit(0));
  process.on('message', async (msg: { type: string }) => {
    if (msg.type === 'stats') {
      const loopDelayMs = { p50: lag.percentile(50) / 1e6, p99: lag.percentile(99) / 1e6, max: lag.max / 1e6 };
      process.send?.({ type: 'stats', stats: { ...(await server.admin.getStats()), loopDelayMs } });
    }
  });
  process.send?.({
    type: 'ready',
    pid: process.pid,
    wsUrl: server.wsUrl,
    httpUrl: server.httpUrl,
    rtmpPort: Number(/:(\d+)\//.exec(media.info.rtmpUrl ?? '')?.[1]),
    sdkAppID: server.sdkAppID,
    groupID,
    sigs,
  } satisfies Ready);
}

// ---- shared helpers ------------------------------------------------------------------------------

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function http(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string; timeoutMs?: number } = {},
): Promise<number> {
  return new Promise((resolve) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.setTimeout(options.timeoutMs ?? 5000, () => req.destroy());
    req.on('error', () => resolve(0));
    req.end(options.body);
  });
}

interface Client {
  ws: Ws;
  send(body: Record<string, unknown>): number;
  opened: Promise<void>;
  closed: Promise<void>;
}

function connect(wsUrl: string, onFrame?: (text: string) => void): Client {
  const ws = new RawWebSocket(wsUrl);
  let id = 0;
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  opened.catch(() => {});
  const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()));
  ws.on('error', () => {});
  if (onFrame) ws.on('message', (data) => onFrame(data.toString()));
  return {
    ws,
    opened,
    closed,
    send(body) {
      id++;
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id, ...body }));
      return id;
    },
  };
}

async function login(c: Client, ready: Ready, userID: string): Promise<void> {
  await c.opened;
  c.send({ op: 'login', sdkAppID: ready.sdkAppID, userID, userSig: ready.sigs[userID] });
  c.send({ op: 'joinGroup', groupID: ready.groupID });
}

const bearer = (ready: Ready, userID: string) => ({
  authorization: `Bearer ${userID}:${ready.sigs[userID]}`,
  'content-type': 'application/json',
});

// ---- the attackers -------------------------------------------------------------------------------

async function attack(ready: Ready, seconds: number, skip: Set<string>): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  const live = () => Date.now() < deadline;
  const counts: Record<string, number> = {};
  const count = (k: string, n = 1) => {
    counts[k] = (counts[k] ?? 0) + n;
  };
  const tasks: Array<Promise<void>> = [];

  if (!skip.has('reader')) {
    // A client that never reads and keeps asking for ~150 KB answers.
    tasks.push(
      (async () => {
        const ids = Array.from({ length: 100 }, (_, i) => `p${i}`);
        while (live()) {
          const c = connect(ready.wsUrl);
          try {
            await login(c, ready, 'reader');
          } catch {
            await sleep(200);
            continue;
          }
          (c.ws as unknown as { _socket?: { pause(): void } })._socket?.pause();
          count('reader.connections');
          let open = true;
          void c.closed.then(() => {
            open = false;
          });
          while (open && live()) {
            for (let i = 0; i < 20; i++) c.send({ op: 'getUserProfile', userIDList: ids });
            count('reader.requests', 20);
            await sleep(100);
          }
          c.ws.terminate();
          if (!open) count('reader.closedByServer');
        }
      })(),
    );
  }

  if (!skip.has('rtmp')) {
    const { hostileRtmpCases, sendRtmp } = await import('../packages/server/test/media/rtmp-fuzz');
    for (let lane = 0; lane < 4; lane++) {
      tasks.push(
        (async () => {
          while (live()) {
            for (const c of hostileRtmpCases()) {
              if (!live()) break;
              await sendRtmp(ready.rtmpPort, c.payload, { handshake: c.handshake, timeoutMs: 1000 });
              count('rtmp.connections');
            }
          }
        })(),
      );
    }
  }

  if (!skip.has('spam')) {
    // 2,000 msgs/s: 100 every 50 ms, High priority.
    tasks.push(
      (async () => {
        let refused = 0;
        let acked = 0;
        const c = connect(ready.wsUrl, (text) => {
          if (text.includes('"code":10023') || text.includes('"code":10006')) refused++;
          else if (text.startsWith('{"id":') && text.includes('"code":0')) acked++;
        });
        await login(c, ready, 'spammer');
        let n = 0;
        while (live()) {
          for (let i = 0; i < 100; i++) {
            c.send({
              op: 'sendMessage',
              message: {
                ID: `spam-${n++}`,
                type: 'TIMTextElem',
                to: ready.groupID,
                priority: 'High',
                payload: { text: 'BUY NOW http://spam' },
              },
            });
          }
          await sleep(50);
        }
        count('spam.sent', n);
        count('spam.acked', acked);
        count('spam.refused', refused);
        c.ws.terminate();
      })(),
    );
  }

  if (!skip.has('orders')) {
    const url = `${ready.httpUrl}/v4/merchant/rooms/${ready.groupID}/orders`;
    for (let lane = 0; lane < 8; lane++) {
      tasks.push(
        (async () => {
          let i = 0;
          while (live()) {
            const status = await http(url, {
              method: 'POST',
              headers: bearer(ready, 'flooder'),
              body: JSON.stringify({ goodsID: GOODS, quantity: 1, requestID: `flood-${lane}-${i++}` }),
            });
            count(`orders.${status}`);
          }
        })(),
      );
    }
  }

  if (!skip.has('auth')) {
    const header = `Bearer${' '.repeat(16_000)}`;
    const url = `${ready.httpUrl}/v4/merchant/rooms/${ready.groupID}/orders`;
    for (let lane = 0; lane < 4; lane++) {
      tasks.push(
        (async () => {
          while (live()) {
            count(`auth.${await http(url, { headers: { authorization: header } })}`);
          }
        })(),
      );
    }
  }

  await Promise.all(tasks);
  process.send?.({ type: 'attack', counts });
}

// ---- the honest side and the verdict ---------------------------------------------------------------

function rssOf(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
    return kb === undefined ? undefined : Number(kb) * 1024;
  } catch {
    return undefined;
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      seconds: { type: 'string', default: '60' },
      viewers: { type: 'string', default: '50' },
      skip: { type: 'string', default: '' },
      ready: { type: 'string' },
    },
  });
  const seconds = Number(values.seconds);
  const viewers = Number(values.viewers);
  const skip = new Set(values.skip.split(',').filter(Boolean));
  if (values.role === 'serve') return serve(viewers);
  if (values.role === 'attack') process.on('disconnect', () => process.exit(0));
  if (values.role === 'attack') return attack(JSON.parse(values.ready ?? '{}') as Ready, seconds, skip);

  const self = fileURLToPath(import.meta.url);
  const server = fork(self, ['--role', 'serve', '--viewers', String(viewers)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let serverExit: number | null | undefined;
  server.on('exit', (code, signal) => {
    serverExit = code ?? (signal ? -1 : 0);
  });
  const ready = await new Promise<Ready>((resolve, reject) => {
    server.once('message', (m: Ready) => resolve(m));
    server.once('exit', () => reject(new Error('the server did not start')));
  });
  console.log(
    `server pid ${ready.pid} on ${ready.httpUrl}, RTMP on ${ready.rtmpPort}; ${seconds} s, skip: ${[...skip].join(',') || 'none'}`,
  );
  const created = await http(`${ready.httpUrl}/v4/merchant/rooms/${ready.groupID}/goods`, {
    method: 'POST',
    headers: bearer(ready, 'host'),
    body: JSON.stringify({ id: GOODS, title: 'Bench mug', price: 990, stock: 10_000_000 }),
  });
  if (created !== 201) throw new Error(`could not create the goods (${created})`);

  // Honest viewers: every text is "h:<sender>:<seq>:<sentAt>".
  const latencies: number[] = [];
  let received = 0;
  let measuring = false;
  const stamp = /"text":"h:([^:"]+):(\d+):(\d+)"/g;
  const clients: Client[] = [];
  for (let i = 0; i < viewers; i++) {
    const c = connect(ready.wsUrl, (text) => {
      if (!text.startsWith('{"push":"messages"')) return;
      const now = Date.now();
      for (const m of text.matchAll(stamp)) {
        received++;
        if (measuring) latencies.push(now - Number(m[3]));
      }
    });
    await login(c, ready, `v${i}`);
    clients.push(c);
  }
  await sleep(500);

  const attacker = fork(
    self,
    ['--role', 'attack', '--seconds', String(seconds), '--skip', [...skip].join(','), '--ready', JSON.stringify(ready)],
    {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  const attackCounts = new Promise<Record<string, number>>((resolve) => {
    attacker.on('message', (m: { type: string; counts: Record<string, number> }) => resolve(m.counts));
    attacker.on('exit', () => resolve({}));
  });

  let peakRss = 0;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, rssOf(ready.pid) ?? 0);
  }, 200);
  measuring = true;
  received = 0;
  const started = Date.now();
  const deadline = started + seconds * 1000;
  let sent = 0;
  const buys: Record<string, number> = {};
  const chat = (async () => {
    // One message every 3 s per viewer, spread evenly: viewers/3 msgs/s in all.
    const interval = 3000 / viewers;
    for (let k = 0; Date.now() < deadline; k++) {
      const i = k % viewers;
      clients[i]?.send({
        op: 'sendMessage',
        message: {
          ID: `h-${k}`,
          type: 'TIMTextElem',
          to: ready.groupID,
          priority: 'Normal',
          payload: { text: `h:v${i}:${k}:${Date.now()}` },
        },
      });
      sent++;
      await sleep(Math.max(0, started + (k + 1) * interval - Date.now()));
    }
  })();
  const buyer = (async () => {
    for (let i = 0; Date.now() < deadline; i++) {
      const status = await http(`${ready.httpUrl}/v4/merchant/rooms/${ready.groupID}/orders`, {
        method: 'POST',
        headers: bearer(ready, 'buyer'),
        body: JSON.stringify({ goodsID: GOODS, quantity: 1, requestID: `honest-${i}` }),
      });
      buys[status] = (buys[status] ?? 0) + 1;
      await sleep(2000);
    }
  })();
  await Promise.all([chat, buyer]);
  await sleep(1000);
  measuring = false;
  clearInterval(sampler);
  const counts = await attackCounts;

  // Alive: the process runs, IM answers a ping, HTTP answers /media/info.
  const probe = connect(ready.wsUrl, () => {});
  let imAlive = false;
  try {
    await Promise.race([probe.opened, sleep(3000).then(() => Promise.reject(new Error('timeout')))]);
    imAlive = await new Promise<boolean>((resolve) => {
      probe.ws.once('message', (data) => resolve(data.toString().includes('"code":0')));
      probe.send({ op: 'ping' });
      setTimeout(() => resolve(false), 3000);
    });
  } catch {
    imAlive = false;
  }
  probe.ws.terminate();
  const httpAlive = (await http(`${ready.httpUrl}/media/info`)) === 200;
  const alive = serverExit === undefined && imAlive && httpAlive;
  const stats = alive
    ? await new Promise<Record<string, unknown>>((resolve) => {
        server.once('message', (m: { stats: Record<string, unknown> }) => resolve(m.stats));
        server.send({ type: 'stats' });
        setTimeout(() => resolve({}), 3000);
      })
    : {};

  const expected = sent * (viewers - 1);
  const delivery = expected === 0 ? 0 : received / expected;
  latencies.sort((a, b) => a - b);
  const p50 = percentile(latencies, 50);
  const p99 = percentile(latencies, 99);
  const rssMB = peakRss / 1024 / 1024;

  console.log('attackers:', JSON.stringify(counts));
  console.log(
    'server counters:',
    JSON.stringify(
      Object.fromEntries(
        [
          'connections',
          'refusedConnections',
          'loginTimeouts',
          'slowConsumerCloses',
          'requestsLimited',
          'frequencyLimited',
          'announced',
          'announcementsMerged',
          'delivered',
          'dropped',
          'loopDelayMs',
        ].map((k) => [k, stats[k]]),
      ),
    ),
  );
  console.log(`honest buyer: ${JSON.stringify(buys)}`);
  console.log(`honest messages sent: ${sent}, receipts: ${received} of ${expected}`);
  const rows: Array<[string, string, boolean]> = [
    ['server alive at the end', alive ? 'yes' : `no (exit ${serverExit}, im ${imAlive}, http ${httpAlive})`, alive],
    ['peak server RSS', `${rssMB.toFixed(0)} MB (target < ${TARGETS.rssMB})`, rssMB > 0 && rssMB < TARGETS.rssMB],
    [
      'honest delivery',
      `${(delivery * 100).toFixed(1)} % (target ≥ ${TARGETS.delivery * 100})`,
      delivery >= TARGETS.delivery,
    ],
    [
      'honest latency p50 / p99',
      `${p50.toFixed(0)} / ${p99.toFixed(0)} ms (target p99 ≤ ${TARGETS.p99Ms})`,
      p99 <= TARGETS.p99Ms,
    ],
  ];
  for (const [name, value, ok] of rows) console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}: ${value}`);
  for (const c of clients) c.ws.terminate();
  attacker.kill();
  server.kill();
  process.exit(rows.every((r) => r[2]) ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
