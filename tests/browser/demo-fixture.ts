import type { LiveServer } from '@livesell/server';
import { afterAll, beforeAll } from 'vitest';
import { demoConfig, startDemoServer } from '../support/server';
import { type BrowserHarness, startBrowser } from './harness';

export interface DemoFixture {
  /** The real local server with the demo room seeded. */
  readonly live: LiveServer;
  /** Chromium on the built H5 demo, pointed at `live`. */
  readonly browser: BrowserHarness;
}

/** Starts the demo server and the browser once for the test file, and stops both after it. */
export function useDemoFixture(): DemoFixture {
  let live: LiveServer | undefined;
  let browser: BrowserHarness | undefined;
  beforeAll(async () => {
    live = await startDemoServer();
    browser = await startBrowser({ server: demoConfig(live) });
  });
  afterAll(async () => {
    await browser?.close();
    await live?.close();
  });
  const ready = <T>(value: T | undefined, what: string): T => {
    if (!value) throw new Error(`${what} is not started: use the fixture inside tests`);
    return value;
  };
  return {
    get live() {
      return ready(live, 'the demo server');
    },
    get browser() {
      return ready(browser, 'the browser');
    },
  };
}
