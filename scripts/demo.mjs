#!/usr/bin/env node
// `npm run demo`: builds the H5 demo, starts the local LiveSell server (IM, merchant API, test stream)
// and serves the demo on 127.0.0.1, then prints the URL to open. Ctrl+C stops everything.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const root = fileURLToPath(new URL('..', import.meta.url));
const host = process.env.LIVESELL_HOST ?? '127.0.0.1';
const serverPort = Number(process.env.LIVESELL_PORT ?? 8990);
const demoPort = Number(process.env.LIVESELL_DEMO_PORT ?? 10086);

console.log('[demo] building the H5 demo …');
const built = spawnSync('pnpm', ['--filter', 'demo-app', 'run', 'build:h5'], { cwd: root, encoding: 'utf8' });
if (built.status !== 0) {
  process.stderr.write(`${built.stdout}\n${built.stderr}\n[demo] the H5 build failed\n`);
  process.exit(built.status ?? 1);
}

const server = await import('../packages/server/src/index.ts');
let live;
{
  const dataDir = join(root, '.data');
  mkdirSync(dataDir, { recursive: true });
  live = await server.startLiveServer({
    host,
    port: serverPort,
    dataDir,
    devUserSig: true,
    // The demo signs anyone in (dev key, dev UserSigs): beyond loopback only when asked by name.
    insecureAllowDevOnNetwork: process.env.LIVESELL_INSECURE_ALLOW_DEV_ON_NETWORK === '1',
    allowedHosts: (process.env.LIVESELL_ALLOWED_HOSTS ?? '').split(',').filter(Boolean),
    allowedOrigins: (process.env.LIVESELL_ALLOWED_ORIGINS ?? '').split(',').filter(Boolean),
  });
  await server.seedDemo(live);
}
const { serveDemo } = await import('../tests/support/demo-site.ts');
const site = await serveDemo({
  dir: join(root, 'demo-app/dist/h5'),
  port: demoPort,
  host,
  config: live ? { httpUrl: live.httpUrl, wsUrl: live.wsUrl, sdkAppID: live.sdkAppID } : undefined,
});

console.log('');
console.log(`  LiveSell Kit demo:   ${site.url}/`);
if (live) {
  console.log(`  viewer room:         ${site.url}/#/live/room/index`);
  console.log(`  host console:        ${site.url}/#/live/host/index`);
  console.log(`  local server:        ${live.httpUrl} (IM over ${live.wsUrl})`);
}
console.log('\n  Open the first URL in a browser. Ctrl+C to stop.\n');

const stop = async () => {
  await site.close();
  await live?.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
