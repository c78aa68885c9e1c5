import { type LiveServer, seedDemo, startLiveServer } from '@livesell/server';

/** The real local server on a free port with the demo room seeded, as `npm run demo` runs it. */
export async function startDemoServer(): Promise<LiveServer> {
  const live = await startLiveServer({ port: 0, devUserSig: true });
  await seedDemo(live);
  return live;
}

/** What a browser page needs to reach `live` (served to the demo as `/livesell.json`). */
export const demoConfig = (live: LiveServer) => ({ httpUrl: live.httpUrl, wsUrl: live.wsUrl, sdkAppID: live.sdkAppID });
