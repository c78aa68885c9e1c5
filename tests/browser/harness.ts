/**
 * H5 browser harness: Debian's Chromium driven by playwright-core against the built H5 demo
 * (`demo-app/dist/h5`) served on 127.0.0.1. `npx playwright install` cannot download here, so the
 * system Chromium is used (`CHROMIUM_PATH`, default /usr/bin/chromium).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { type DemoConfig, serveDemo } from '../support/demo-site';
import type { StaticServer } from '../support/static-server';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const H5_DIST = join(root, 'demo-app', 'dist', 'h5');
/** The same app plus the benchmark page (`pnpm build:bench`): the shipped build has no bench page. */
export const H5_BENCH_DIST = join(root, 'demo-app', 'dist', 'h5-bench');
export const ARTIFACTS = join(root, 'test-artifacts');

export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  const found = candidates.find((p): p is string => Boolean(p && existsSync(p)));
  if (!found) {
    throw new Error(
      'Chromium is required for the browser tests: install it (Debian: apt-get install -y chromium) or set CHROMIUM_PATH. ' +
        '`npm test` installs it automatically when run as root.',
    );
  }
  return found;
}

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--autoplay-policy=no-user-gesture-required',
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
];

export interface BrowserHarness {
  browser: Browser;
  /** Base URL of the served H5 demo. */
  url: string;
  site: StaticServer;
  /** A fresh context (own storage) with a phone-sized viewport unless told otherwise. */
  newPage(options?: { width?: number; height?: number; context?: BrowserContext }): Promise<Page>;
  /** URL of a demo page, e.g. `pageUrl('live/room/index', { roomID: 'r1' })` (hash router). */
  pageUrl(route: string, query?: Record<string, string>): string;
  screenshot(page: Page, name: string): Promise<string>;
  close(): Promise<void>;
}

/** `server`: the local server the demo should talk to (served to the app as `/livesell.json`). */
export async function startBrowser(options: { dist?: string; server?: DemoConfig } = {}): Promise<BrowserHarness> {
  const dist = options.dist ?? H5_DIST;
  if (!existsSync(join(dist, 'index.html'))) {
    throw new Error(`${dist} has no index.html: build the H5 demo first (pnpm build:demo)`);
  }
  const site = await serveDemo({ dir: dist, config: options.server });
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];
  return {
    browser,
    url: site.url,
    site,
    async newPage({ width = 375, height = 812, context } = {}) {
      let ctx = context;
      if (!ctx) {
        ctx = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 2 });
        contexts.push(ctx);
      }
      const page = await ctx.newPage();
      page.setDefaultTimeout(15_000);
      page.on('pageerror', (e) => errors.push(String(e)));
      return page;
    },
    pageUrl(route, query = {}) {
      // encodeURIComponent, not URLSearchParams: Taro's hash router reads "+" literally, so a
      // nickname with a space would arrive as "Viewer+A".
      const search = Object.keys(query)
        .map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(query[k] ?? '')}`)
        .join('&');
      return `${site.url}/#/${route.replace(/^\//, '')}${search ? `?${search}` : ''}`;
    },
    async screenshot(page, name) {
      mkdirSync(ARTIFACTS, { recursive: true });
      const path = join(ARTIFACTS, `${name}.png`);
      await page.screenshot({ path, fullPage: false });
      return path;
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close();
      await site.close();
    },
  };
}
