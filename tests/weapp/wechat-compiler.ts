/**
 * WeChat's own WXML and WXSS compilers (`wcc` / `wcsc`, npm `miniprogram-compiler`, published by the WeChat
 * team with Linux binaries) over a weapp build.
 *
 * - `wcc` compiles every `.wxml` and `.wxs` file of the build into `$gwx`. `$gwx('<page>.wxml')` returns the
 *   page's render function: page data in, the virtual tree WeChat renders out (`{ tag: 'wx-page', children }`,
 *   elements as `{ tag: 'wx-view', attr, children }`, text as strings, custom components by their own tag).
 * - `wcsc` compiles every `.wxss` file; a style sheet it refuses is an error (`WxssCompileError`).
 *
 * The compiled template code runs in its own `vm` context (it expects `window`, `navigator`, `__wxConfig` and
 * `__wxAppCode__`), so it never touches the test process's globals. Its warnings (a missing template, a failed
 * expression) are collected: the harness reports them as errors of the page.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, normalize } from 'node:path';
import vm from 'node:vm';

const require = createRequire(import.meta.url);

/** One element of WeChat's virtual tree. */
export interface WxVNode {
  tag: string;
  attr?: Record<string, unknown>;
  children?: Array<WxVNode | string>;
}

type RenderFn = (
  data: Record<string, unknown>,
  env: Record<string, unknown>,
  scope: Record<string, unknown>,
) => WxVNode;
type Gwx = (path: string) => RenderFn | undefined;

export class WxssCompileError extends Error {
  override readonly name = 'WxssCompileError';
}

/** Large builds print several MB of compiled code: the wrapper's 1 MB default cuts it. */
const MAX_BUFFER = 256 * 1024 * 1024;

export class WechatTemplates {
  /** Warnings printed by the compiled templates while rendering (cleared by `takeWarnings`). */
  private warnings: string[] = [];
  private readonly gwx: Gwx;
  private readonly renderers = new Map<string, RenderFn>();

  constructor(readonly dist: string) {
    const { wxmlToJs } = require('miniprogram-compiler') as {
      wxmlToJs: (root: string, options?: { maxBuffer?: number }) => string;
    };
    const code = wxmlToJs(dist, { maxBuffer: MAX_BUFFER });
    const record = (...args: unknown[]) => this.warnings.push(args.map(String).join(' '));
    const sandbox: Record<string, unknown> = {
      navigator: { userAgent: 'livesell-weapp-harness' },
      __wxConfig: {},
      __wxAppCode__: {},
      console: { log: () => undefined, info: () => undefined, debug: () => undefined, warn: record, error: record },
    };
    const context = vm.createContext(sandbox);
    sandbox.window = vm.runInContext('this', context);
    const factory = vm.runInContext(`(function (global) {${code}\n})`, context, {
      filename: join(dist, '$gwx.js'),
    }) as (global: object) => Gwx;
    this.gwx = factory({});
    this.json = vm.runInContext('JSON', context) as JSON;
  }

  private readonly json: JSON;

  /** Renders a page (`live/room/index`) or component (`comp`) template with `data`. */
  render(path: string, data: Record<string, unknown>): WxVNode {
    let fn = this.renderers.get(path);
    if (!fn) {
      fn = this.gwx(`${path}.wxml`);
      if (typeof fn !== 'function') throw new Error(`wcc compiled no template for ${path}.wxml`);
      this.renderers.set(path, fn);
    }
    // WXS checks values against its own realm's Object/Array: hand it data built in the template context.
    return fn(this.json.parse(JSON.stringify(data)) as Record<string, unknown>, {}, {});
  }

  takeWarnings(): string[] {
    const out = this.warnings;
    this.warnings = [];
    return out;
  }
}

/** Compiles every `.wxss` of the build with `wcsc`; throws `WxssCompileError` with wcsc's message on failure. */
export function compileWxss(dist: string): { sheets: string[] } {
  const wcsc = require('miniprogram-compiler/src/wcsc') as (
    root: string,
    files: string[],
    options: { maxBuffer: number },
  ) => Record<string, string> | Error;
  const list = listFiles(dist)
    .filter((f) => f.endsWith('.wxss'))
    .map((f) => f.replace(/\.wxss$/, ''));
  const result = wcsc(dist, list, { maxBuffer: MAX_BUFFER });
  if (result instanceof Error) throw new WxssCompileError(result.message);
  // wcsc returns one entry per top-level sheet; sheets reached by `@import` are compiled into the shared
  // part (`comm`). Every sheet of the build must be one or the other.
  const sheets = Object.keys(result).filter((k) => k.endsWith('.wxss') && !k.startsWith('./'));
  const imported = new Set<string>();
  for (const f of list) {
    const text = readFileSync(join(dist, `${f}.wxss`), 'utf8');
    for (const m of text.matchAll(/@import\s+["']([^"']+)["']/g)) {
      imported.add(
        normalize(join(dirname(f), m[1] as string))
          .split('\\')
          .join('/'),
      );
    }
  }
  const missing = list.filter((f) => !sheets.includes(`${f}.wxss`) && !imported.has(`${f}.wxss`));
  if (missing.length)
    throw new WxssCompileError(`wcsc compiled neither these sheets nor an import of them: ${missing.join(', ')}`);
  return { sheets: list.map((f) => `${f}.wxss`) };
}

/** Files under `dir`, relative, with `/` separators. */
function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((e) => {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    return e.isDirectory() ? listFiles(dir, rel) : [rel];
  });
}

const compiled = new Map<string, { stamp: number; templates: WechatTemplates; sheets: string[] }>();

/**
 * The build's templates and style sheets compiled by WeChat's compilers, once per build (keyed by the build's
 * `app.json` time, so a rebuild is compiled again).
 */
export function wechatCompile(dist: string): { templates: WechatTemplates; sheets: string[] } {
  const stamp = statSync(join(dist, 'app.json')).mtimeMs;
  const cached = compiled.get(dist);
  if (cached && cached.stamp === stamp) return cached;
  const { sheets } = compileWxss(dist);
  const entry = { stamp, templates: new WechatTemplates(dist), sheets };
  compiled.set(dist, entry);
  return entry;
}
