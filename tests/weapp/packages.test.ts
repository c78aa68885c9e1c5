/**
 * The kit lives in a subpackage: the shipped weapp build keeps the IM SDK, the live-room components and the
 * viewer/host pages out of the main package, preloads them from the room list, and ships no benchmark page.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadWeapp, WEAPP_DIST, type WeappRuntime } from './harness';

const KB = 1024;
let runtime: WeappRuntime | undefined;
afterEach(() => {
  runtime?.close();
  runtime = undefined;
});

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

/** Uploaded files (no source maps or license notes) by package: 'main' or a subpackage root. */
function packages(subRoots: string[]): Map<string, string[]> {
  const out = new Map<string, string[]>([['main', []]]);
  for (const root of subRoots) out.set(root, []);
  for (const file of files(WEAPP_DIST)) {
    const rel = relative(WEAPP_DIST, file).split(sep).join('/');
    if (/\.LICENSE\.txt$|\.map$/.test(rel) || rel === 'project.config.json') continue;
    const owner = subRoots.find((r) => rel.startsWith(`${r}/`)) ?? 'main';
    out.get(owner)?.push(file);
  }
  return out;
}

const size = (list: string[]) => list.reduce((n, f) => n + statSync(f).size, 0);
/** tim-wx-sdk's own strings: present only where the IM SDK is bundled. */
const IM_SDK = /sdkStateReady/;

describe('weapp packages', () => {
  it('the viewer room, host console and replay page are in the "live" subpackage, preloaded from the room list', () => {
    runtime = loadWeapp();
    const app = runtime.appConfig as {
      pages: string[];
      subPackages: Array<{ root: string; pages: string[] }>;
      preloadRule?: Record<string, { network?: string; packages: string[] }>;
    };
    expect(app.pages).toEqual(['pages/rooms/index']);
    expect(app.subPackages).toContainEqual({ root: 'live', pages: ['room/index', 'host/index', 'replay/index'] });
    expect(app.preloadRule?.['pages/rooms/index']?.packages).toContain('live');
    expect(runtime.pageRoutes()).toEqual(
      expect.arrayContaining(['live/room/index', 'live/host/index', 'live/replay/index']),
    );
  });

  it('ships no benchmark page', () => {
    runtime = loadWeapp();
    expect(runtime.pageRoutes().filter((r) => r.includes('bench'))).toEqual([]);
    expect(files(WEAPP_DIST).filter((f) => f.includes(`${sep}bench${sep}`))).toEqual([]);
  });

  it('main package ≤ 400 KB without the IM SDK or the live-room components; live subpackage ≤ 1.5 MB with them', () => {
    const app = JSON.parse(readFileSync(join(WEAPP_DIST, 'app.json'), 'utf8')) as {
      subPackages: Array<{ root: string }>;
    };
    const byPackage = packages(app.subPackages.map((s) => s.root.replace(/\/$/, '')));
    const main = byPackage.get('main') ?? [];
    const live = byPackage.get('live') ?? [];
    const text = (list: string[]) => list.filter((f) => f.endsWith('.js')).map((f) => readFileSync(f, 'utf8'));
    expect(size(main)).toBeLessThanOrEqual(400 * KB);
    expect(size(live)).toBeLessThanOrEqual(1.5 * KB * KB);
    expect(text(main).some((s) => IM_SDK.test(s))).toBe(false);
    expect(text(live).some((s) => IM_SDK.test(s))).toBe(true);
    // The danmaku list is the live room's: its class names are only in the subpackage's code.
    expect(text(main).some((s) => s.includes('ls-danmaku__rows'))).toBe(false);
    expect(text(live).some((s) => s.includes('ls-danmaku__rows'))).toBe(true);
  });
});
