/**
 * The harness's use of WeChat's compilers can fail: a style sheet wcsc refuses fails the load, a template the
 * data asks for that does not exist is a page error, and trees deeper than Taro's template levels render
 * through Taro's `comp` component like on a phone.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadWeapp, WEAPP_DIST, type WeappNode, type WeappRuntime } from './harness';
import { compileWxss, WxssCompileError } from './wechat-compiler';

let runtime: WeappRuntime | undefined;
const temps: string[] = [];
afterEach(() => {
  runtime?.close();
  runtime = undefined;
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
});

function copyOfBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'livesell-weapp-'));
  temps.push(dir);
  cpSync(WEAPP_DIST, dir, { recursive: true });
  return dir;
}

/** Taro's data for `depth` nested views (nn of `<view>` read from the build's own page data). */
function nested(depth: number, viewNn: string): Record<string, unknown> {
  let node: Record<string, unknown> = { nn: viewNn, sid: `_d${depth}`, cl: `level-${depth}`, cn: [] };
  for (let d = depth - 1; d >= 1; d--) node = { nn: viewNn, sid: `_d${d}`, cl: `level-${d}`, cn: [node] };
  return { root: { cn: [node], uid: 'root' } };
}

describe('weapp harness: WeChat compilers', () => {
  it('every style sheet of the build compiles with wcsc', () => {
    runtime = loadWeapp();
    expect(runtime.styleSheets).toEqual(expect.arrayContaining(['app.wxss', 'live/room/index.wxss']));
  });

  it('a style sheet wcsc refuses fails the load with its message', () => {
    const dir = copyOfBuild();
    writeFileSync(join(dir, 'live/host/index.wxss'), '.ok { color: red }\n.broken { color: red\n');
    expect(() => compileWxss(dir)).toThrow(WxssCompileError);
    expect(() => loadWeapp({ dist: dir })).toThrow(/live\/host\/index\.wxss/);
  });

  it('data naming a template that does not exist is an error of the page', () => {
    runtime = loadWeapp();
    runtime.render('pages/rooms/index', { root: { cn: [{ nn: 'no-such-node', sid: '_x' }] } });
    expect(runtime.errors.map(String).join('\n')).toMatch(/Template `tmpl_0_no-such-node` not found/);
  });

  it('renders 40 nested views, past Taro’s template levels, through the comp component', async () => {
    runtime = loadWeapp();
    const page = runtime.openPage('pages/rooms/index');
    const view = await page.waitFor(() => page.find('view'));
    const tree = runtime.render('pages/rooms/index', nested(40, view.nn));
    const levels: string[] = [];
    let node: WeappNode | undefined = tree.children[0];
    while (node) {
      levels.push(`${node.tag}.${node.className}`);
      node = node.children[0];
    }
    expect(levels).toHaveLength(40);
    expect(levels.every((l, i) => l === `view.level-${i + 1}`)).toBe(true);
    expect(runtime.errors).toEqual([]);
  });
});
