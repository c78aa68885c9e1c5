/**
 * weapp runtime harness: runs the real mini program build (`demo-app/dist/weapp`) in a Node `vm`.
 *
 * There is no WeChat DevTools on Linux and `miniprogram-simulate` cannot load Taro pages, so this harness
 * plays the WeChat side: it provides `wx`, `App`, `Page`, `Component`, `getApp` and `getCurrentPages`,
 * evaluates the built files with a CommonJS `require`, runs the app and page lifecycles, applies every
 * `setData` to the page's data, and renders the page data through WeChat's own WXML compiler: `wcc` (npm
 * `miniprogram-compiler`) compiles the build's templates, and the page's render function turns the data into
 * the virtual tree WeChat renders (see ./wechat-compiler.ts). Every style sheet goes through `wcsc`; one it
 * refuses fails the load. Tests find nodes, fire taps and inputs through the page's event handler, and read
 * every `setData` call with its byte size.
 *
 * Old engine (the default, `engine: 'es2017'`): the sandbox has no built-in newer than ES2017 (see
 * `POST_ES2017_BUILTINS`), as on WeChat's oldest supported clients, so a call to one of them fails the test
 * as it would fail on the phone. `engine: 'node'` keeps Node's full set.
 *
 * `wx.connectSocket` and `wx.request` are backed by real sockets (`ws`) and `fetch`, so pages can talk to
 * the local server. Other `wx` APIs are recorded no-ops unless a test overrides them.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import WebSocket from 'ws';
import { type WechatTemplates, type WxVNode, wechatCompile } from './wechat-compiler';

export const WEAPP_DIST = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'demo-app', 'dist', 'weapp');
/** The same app plus the benchmark page (`pnpm build:bench`): the shipped build has no bench page. */
export const WEAPP_BENCH_DIST = join(WEAPP_DIST, '..', 'weapp-bench');

export interface WeappNode {
  /** The element's tag as WeChat renders it, without `wx-` (`view`, `live-player`); `#text` for text. */
  tag: string;
  /** Taro's node name id (`nn`) from the page data, when the node has one. */
  nn: string;
  sid: string;
  id: string;
  className: string;
  style: string;
  /** Text content of a text node. */
  text?: string;
  attrs: Record<string, unknown>;
  children: WeappNode[];
  parent?: WeappNode;
}

export interface SetDataRecord {
  /** Harness time in ms since load. */
  time: number;
  bytes: number;
  keys: string[];
  target: 'page' | 'component';
  route: string;
}

type AnyFn = (...args: unknown[]) => unknown;
type Instance = Record<string, unknown> & { data: Record<string, unknown> };

interface PageRecord {
  route: string;
  instance: Instance;
}

export interface LoadOptions {
  dist?: string;
  /** Replace or add `wx` APIs (e.g. `createLivePlayerContext`). */
  wx?: Record<string, unknown>;
  /** System info reported to the app. */
  windowWidth?: number;
  windowHeight?: number;
  /** Print the app's console output (off by default; errors are always kept in `errors`). */
  verbose?: boolean;
  /** Initial `wx` storage (e.g. the demo's server override). */
  storage?: Record<string, unknown>;
  /**
   * `es2017` (default): built-ins newer than ES2017 are removed from the sandbox, as on WeChat's oldest
   * clients. `node`: Node's own set.
   */
  engine?: 'es2017' | 'node';
}

/**
 * Built-ins newer than ES2017 that the old-engine sandbox removes: WeChat's oldest supported clients
 * (JavaScriptCore of iOS 10–12, old Android WebView/V8) do not have them all, so code that ships must not
 * call them without a polyfill. Syntax newer than ES2015 is caught separately (syntax.test.ts).
 */
export const POST_ES2017_BUILTINS: readonly string[] = [
  // ES2018
  'Promise.prototype.finally',
  // (Symbol.asyncIterator cannot be removed: well-known symbols are non-configurable.)
  // ES2019
  'Array.prototype.flat',
  'Array.prototype.flatMap',
  'Object.fromEntries',
  'String.prototype.trimStart',
  'String.prototype.trimEnd',
  'Symbol.prototype.description',
  // ES2020
  'String.prototype.matchAll',
  'Promise.allSettled',
  'globalThis',
  'BigInt',
  'BigInt64Array',
  'BigUint64Array',
  // ES2021
  'String.prototype.replaceAll',
  'Promise.any',
  'AggregateError',
  'WeakRef',
  'FinalizationRegistry',
  // ES2022
  'Object.hasOwn',
  'Array.prototype.at',
  'String.prototype.at',
  'Int8Array.prototype.__proto__.at',
  // ES2023
  'Array.prototype.findLast',
  'Array.prototype.findLastIndex',
  'Array.prototype.toReversed',
  'Array.prototype.toSorted',
  'Array.prototype.toSpliced',
  'Array.prototype.with',
  'Int8Array.prototype.__proto__.findLast',
  'Int8Array.prototype.__proto__.findLastIndex',
  // ES2024
  'Object.groupBy',
  'Map.groupBy',
  'Promise.withResolvers',
  'String.prototype.isWellFormed',
  'String.prototype.toWellFormed',
  // ES2025
  'Iterator',
  'Set.prototype.union',
  'Set.prototype.intersection',
  'Set.prototype.difference',
  'Set.prototype.symmetricDifference',
  'Set.prototype.isSubsetOf',
  'Set.prototype.isSupersetOf',
  'Set.prototype.isDisjointFrom',
];

/** Deletes each `a.b.c` path of `names` from the context's own built-ins (global object = `this`). */
const REMOVE_BUILTINS = `(function (names) {
  var g = this;
  for (var i = 0; i < names.length; i++) {
    var parts = names[i].split('.');
    var owner = g;
    for (var j = 0; j < parts.length - 1 && owner != null; j++) owner = parts[j] === '__proto__' ? Object.getPrototypeOf(owner) : owner[parts[j]];
    if (owner != null) delete owner[parts[parts.length - 1]];
  }
})`;

export interface WxCall {
  api: string;
  args: unknown[];
}

const BUILTIN_SYNC_INFO = (width: number, height: number) => ({
  brand: 'devtools',
  model: 'harness',
  pixelRatio: 2,
  screenWidth: width,
  screenHeight: height,
  windowWidth: width,
  windowHeight: height,
  statusBarHeight: 20,
  language: 'zh_CN',
  version: '8.0.50',
  system: 'Linux',
  platform: 'devtools',
  SDKVersion: '3.6.0',
  safeArea: { left: 0, right: width, top: 20, bottom: height, width, height: height - 20 },
});

function parsePath(path: string): Array<string | number> {
  const out: Array<string | number> = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (m[2] !== undefined) out.push(Number(m[2]));
    else if (m[1] !== undefined) out.push(m[1]);
  }
  return out;
}

function clone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/** Applies a WeChat `setData` object (keys are data paths) to `data`, as the real framework does. */
export function applySetData(data: Record<string, unknown>, patch: Record<string, unknown>): void {
  for (const [path, value] of Object.entries(patch)) {
    const keys = parsePath(path);
    let cursor: Record<string | number, unknown> = data;
    for (let i = 0; i < keys.length - 1; i++) {
      const key = keys[i] as string | number;
      const nextIsIndex = typeof keys[i + 1] === 'number';
      if (cursor[key] === undefined || cursor[key] === null || typeof cursor[key] !== 'object') {
        cursor[key] = nextIsIndex ? [] : {};
      }
      cursor = cursor[key] as Record<string | number, unknown>;
    }
    const last = keys[keys.length - 1] as string | number;
    cursor[last] = clone(value);
  }
}

export class WeappPage {
  constructor(
    private readonly runtime: WeappRuntime,
    readonly route: string,
    readonly instance: Instance,
  ) {}

  /** The rendered tree (a fresh snapshot each call), as WeChat's compiled templates render the page data. */
  tree(): WeappNode {
    return this.runtime.render(this.route, this.instance.data);
  }

  /** Nodes matching `selector` in the page, or under `root` (a node of an earlier snapshot). */
  findAll(selector: string | ((n: WeappNode) => boolean), root?: WeappNode): WeappNode[] {
    const test = typeof selector === 'function' ? selector : compileSelector(selector);
    const out: WeappNode[] = [];
    const walk = (n: WeappNode) => {
      if (test(n)) out.push(n);
      for (const c of n.children) walk(c);
    };
    if (root) root.children.forEach(walk);
    else walk(this.tree());
    return out;
  }

  find(selector: string | ((n: WeappNode) => boolean), root?: WeappNode): WeappNode | undefined {
    return this.findAll(selector, root)[0];
  }

  get(selector: string | ((n: WeappNode) => boolean), root?: WeappNode): WeappNode {
    const node = this.find(selector, root);
    if (!node) throw new Error(`no node matches ${String(selector)} in ${this.route}:\n${this.describe()}`);
    return node;
  }

  /** All text of the page (or of a node), joined. */
  text(node: WeappNode = this.tree()): string {
    return textOf(node);
  }

  findByText(text: string | RegExp, selector = '*'): WeappNode | undefined {
    const match = (s: string) => (typeof text === 'string' ? s.includes(text) : text.test(s));
    const candidates = this.findAll(selector).filter((n) => n.tag !== '#text' && match(textOf(n)));
    // The innermost element containing the text.
    return candidates.find((n) => !n.children.some((c) => c.tag !== '#text' && match(textOf(c))));
  }

  /** Fires an event through the page's Taro event handler, as WeChat would (`bindtap="eh"`). */
  fire(node: WeappNode, type: string, detail: Record<string, unknown> = {}): void {
    const handler = this.instance.eh as AnyFn | undefined;
    if (typeof handler !== 'function') throw new Error(`${this.route} has no event handler`);
    const target = { id: node.id || node.sid, dataset: { sid: node.sid }, offsetLeft: 0, offsetTop: 0 };
    handler.call(this.instance, {
      type,
      timeStamp: this.runtime.now(),
      target,
      currentTarget: target,
      detail,
      touches: [],
      changedTouches: [],
    });
  }

  tap(node: WeappNode): void {
    this.fire(node, 'tap', { x: 0, y: 0 });
  }

  input(node: WeappNode, value: string): void {
    this.fire(node, 'input', { value, cursor: value.length, keyCode: 0 });
  }

  setDataCalls(): SetDataRecord[] {
    return this.runtime.setDataLog.filter((r) => r.route === this.route);
  }

  describe(node: WeappNode = this.tree(), depth = 0): string {
    const pad = '  '.repeat(depth);
    if (node.tag === '#text') return `${pad}"${node.text ?? ''}"\n`;
    const cls = node.className ? `.${node.className.trim().split(/\s+/).join('.')}` : '';
    let s = `${pad}<${node.tag}${cls}>\n`;
    for (const c of node.children) s += this.describe(c, depth + 1);
    return s;
  }

  async waitFor<T>(check: () => T | undefined | false, timeoutMs = 5000): Promise<T> {
    return this.runtime.waitFor(check, timeoutMs);
  }
}

function textOf(node: WeappNode): string {
  if (node.tag === '#text') return node.text ?? '';
  return node.children.map(textOf).join('');
}

function compileSelector(selector: string): (n: WeappNode) => boolean {
  if (selector === '*') return (n) => n.tag !== '#text';
  const m = /^([a-z][\w-]*)?((?:\.[\w-]+)*)(#[\w-]+)?(?:\[([\w-]+)(?:="([^"]*)")?\])?$/i.exec(selector.trim());
  if (!m) throw new Error(`unsupported selector: ${selector}`);
  const [, tag, classes, id, attr, attrValue] = m;
  const classList = (classes ?? '').split('.').filter(Boolean);
  return (n) => {
    if (n.tag === '#text') return false;
    if (tag && n.tag !== tag) return false;
    if (id && n.id !== id.slice(1)) return false;
    const own = n.className.split(/\s+/);
    if (!classList.every((c) => own.includes(c))) return false;
    if (attr) {
      const v = n.attrs[attr];
      if (v === undefined) return false;
      if (attrValue !== undefined && String(v) !== attrValue) return false;
    }
    return true;
  };
}

export class WeappRuntime {
  readonly setDataLog: SetDataRecord[] = [];
  readonly wxCalls: WxCall[] = [];
  readonly errors: unknown[] = [];
  readonly logs: string[] = [];
  /** The build's templates compiled by WeChat's `wcc`. */
  readonly templates: WechatTemplates;
  /** Every `.wxss` of the build, compiled by WeChat's `wcsc`. */
  readonly styleSheets: string[];
  readonly engine: 'es2017' | 'node';
  readonly appConfig: { pages: string[]; subPackages?: Array<{ root: string; pages: string[] }>; [k: string]: unknown };
  readonly sockets = new Set<WebSocket>();
  private readonly context: vm.Context;
  private readonly moduleCache = new Map<string, { exports: unknown }>();
  private readonly pageConfigs = new Map<string, Record<string, unknown>>();
  private readonly componentConfigs = new Map<string, Record<string, unknown>>();
  private readonly stack: PageRecord[] = [];
  private appInstance: Record<string, unknown> | undefined;
  private loadingFile = '';
  private readonly start = performance.now();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    readonly dist: string,
    private readonly options: LoadOptions,
  ) {
    const compiled = wechatCompile(dist);
    this.templates = compiled.templates;
    this.styleSheets = compiled.sheets;
    this.appConfig = JSON.parse(readFileSync(join(dist, 'app.json'), 'utf8'));
    this.engine = options.engine ?? 'es2017';
    this.context = vm.createContext(this.makeGlobals());
    if (this.engine === 'es2017') {
      (vm.runInContext(REMOVE_BUILTINS, this.context) as (names: readonly string[]) => void).call(
        vm.runInContext('this', this.context),
        vm.runInContext(JSON.stringify(POST_ES2017_BUILTINS), this.context),
      );
    }
    this.contextJSON = vm.runInContext('JSON', this.context) as JSON;
  }

  /** The sandbox's own JSON: values handed to the app are built from its built-ins, not Node's. */
  private readonly contextJSON: JSON;

  now(): number {
    return performance.now() - this.start;
  }

  /** Every page route of app.json: the main package's, then each subpackage's (`root/page`). */
  pageRoutes(): string[] {
    const subs = this.appConfig.subPackages ?? [];
    return [...this.appConfig.pages, ...subs.flatMap((s) => s.pages.map((p) => `${s.root.replace(/\/$/, '')}/${p}`))];
  }

  private makeGlobals(): Record<string, unknown> {
    const width = this.options.windowWidth ?? 375;
    const height = this.options.windowHeight ?? 812;
    const record = (api: string, args: unknown[]) => this.wxCalls.push({ api, args });
    const succeed = (opts: unknown, res: Record<string, unknown> = { errMsg: 'ok' }) => {
      const o = (opts ?? {}) as { success?: AnyFn; complete?: AnyFn };
      queueMicrotask(() => {
        o.success?.(res);
        o.complete?.(res);
      });
    };
    const storage = new Map<string, unknown>(Object.entries(this.options.storage ?? {}));
    const impl: Record<string, unknown> = {
      getSystemInfoSync: () => BUILTIN_SYNC_INFO(width, height),
      getWindowInfo: () => BUILTIN_SYNC_INFO(width, height),
      getDeviceInfo: () => BUILTIN_SYNC_INFO(width, height),
      getAppBaseInfo: () => BUILTIN_SYNC_INFO(width, height),
      getSystemInfo: (o: unknown) => succeed(o, BUILTIN_SYNC_INFO(width, height)),
      getMenuButtonBoundingClientRect: () => ({
        top: 24,
        bottom: 56,
        left: width - 95,
        right: width - 7,
        width: 88,
        height: 32,
      }),
      getLaunchOptionsSync: () => ({ path: this.appConfig.pages[0], query: {}, scene: 1001 }),
      getEnterOptionsSync: () => ({ path: this.appConfig.pages[0], query: {}, scene: 1001 }),
      canIUse: () => true,
      nextTick: (fn: () => void) => queueMicrotask(fn),
      getStorageSync: (k: string) => storage.get(k) ?? '',
      setStorageSync: (k: string, v: unknown) => void storage.set(k, v),
      removeStorageSync: (k: string) => void storage.delete(k),
      getStorage: (o: { key: string }) => succeed(o, { data: storage.get(o.key) }),
      setStorage: (o: { key: string; data: unknown }) => {
        storage.set(o.key, o.data);
        succeed(o);
      },
      navigateTo: (o: { url: string }) => {
        this.openUrl(o.url);
        succeed(o);
      },
      redirectTo: (o: { url: string }) => {
        this.stack.pop();
        this.openUrl(o.url);
        succeed(o);
      },
      navigateBack: (o: { delta?: number } = {}) => {
        for (let i = 0; i < (o.delta ?? 1) && this.stack.length > 1; i++) {
          const page = this.stack.pop();
          (page?.instance.onUnload as AnyFn | undefined)?.call(page?.instance);
        }
        const top = this.stack[this.stack.length - 1];
        (top?.instance.onShow as AnyFn | undefined)?.call(top?.instance);
        succeed(o);
      },
      createSelectorQuery: () => makeSelectorQuery(width, height),
      createIntersectionObserver: () => ({
        relativeToViewport: () => ({ observe: () => undefined }),
        disconnect: () => undefined,
      }),
      connectSocket: (o: { url: string; protocols?: string[] }) => this.connectSocket(o),
      request: (o: { url: string; method?: string; data?: unknown; header?: Record<string, string> }) =>
        this.request(o),
      getNetworkType: (o: unknown) => succeed(o, { networkType: 'wifi' }),
      onNetworkStatusChange: () => undefined,
      offNetworkStatusChange: () => undefined,
      onAppShow: () => undefined,
      onAppHide: () => undefined,
      offAppShow: () => undefined,
      offAppHide: () => undefined,
      reportAnalytics: () => undefined,
      ...this.options.wx,
    };
    const wx = new Proxy(impl, {
      get(target, key: string) {
        if (!Object.hasOwn(target, key) && key in target) return Reflect.get(target, key);
        if (Object.hasOwn(target, key)) {
          const v = target[key];
          if (typeof v !== 'function') return v;
          return (...args: unknown[]) => {
            record(key, args);
            return (v as AnyFn)(...args);
          };
        }
        if (typeof key !== 'string' || key === 'then' || key === 'cloud' || key === 'webpackJsonp') return undefined;
        // Unknown APIs: recorded no-ops that call success, so the app does not hang on them.
        return (...args: unknown[]) => {
          record(key, args);
          if (args[0] && typeof args[0] === 'object') succeed(args[0]);
          return undefined;
        };
      },
      set(target, key: string, value) {
        target[key] = value;
        return true;
      },
    });
    const console = {
      log: (...a: unknown[]) => this.log('log', a),
      info: (...a: unknown[]) => this.log('info', a),
      debug: (...a: unknown[]) => this.log('debug', a),
      warn: (...a: unknown[]) => this.log('warn', a),
      error: (...a: unknown[]) => {
        this.errors.push(a.length === 1 ? a[0] : a);
        this.log('error', a);
      },
    };
    const globals: Record<string, unknown> = {
      wx,
      console,
      App: (config: Record<string, unknown>) => {
        this.appInstance = config;
      },
      Page: (config: Record<string, unknown>) => {
        this.pageConfigs.set(this.loadingFile, config);
      },
      Component: (config: Record<string, unknown>) => {
        this.componentConfigs.set(this.loadingFile, config);
      },
      Behavior: (config: unknown) => config,
      getApp: () => this.appInstance,
      getCurrentPages: () => this.stack.map((p) => p.instance),
      requirePlugin: () => ({}),
      setTimeout: (fn: AnyFn, ms?: number, ...args: unknown[]) => {
        const t = setTimeout(() => {
          this.timers.delete(t);
          this.guard(() => fn(...args));
        }, ms);
        this.timers.add(t);
        return t;
      },
      clearTimeout: (t: NodeJS.Timeout) => {
        this.timers.delete(t);
        clearTimeout(t);
      },
      setInterval: (fn: AnyFn, ms?: number) => {
        const t = setInterval(() => this.guard(fn), ms);
        this.timers.add(t);
        return t;
      },
      clearInterval: (t: NodeJS.Timeout) => {
        this.timers.delete(t);
        clearInterval(t);
      },
      queueMicrotask,
      performance,
    };
    // Old WeChat clients have no TextEncoder/TextDecoder: only Node's engine gets them.
    if ((this.options.engine ?? 'es2017') === 'node') Object.assign(globals, { TextEncoder, TextDecoder });
    globals.global = globals;
    // The old engine has no `globalThis` (ES2020): the context's own is removed after creation.
    if ((this.options.engine ?? 'es2017') === 'node') globals.globalThis = globals;
    return globals;
  }

  private log(level: string, args: unknown[]): void {
    const line = `[${level}] ${args.map((a) => (a instanceof Error ? a.stack : typeof a === 'string' ? a : safeJson(a))).join(' ')}`;
    this.logs.push(line);
    if (this.options.verbose) process.stdout.write(`${line}\n`);
  }

  private guard(fn: () => unknown): void {
    try {
      fn();
    } catch (e) {
      this.errors.push(e);
      this.log('error', [e]);
    }
  }

  /** CommonJS `require` over the dist folder, as the mini program runtime provides. */
  require(file: string, from = ''): unknown {
    let path = normalize(join(dirname(from), file));
    if (!path.endsWith('.js')) path += '.js';
    const cached = this.moduleCache.get(path);
    if (cached) return cached.exports;
    const module = { exports: {} as unknown };
    this.moduleCache.set(path, module);
    const source = readFileSync(join(this.dist, path), 'utf8');
    const wrapper = vm.runInContext(`(function (require, module, exports) {${source}\n})`, this.context, {
      filename: join(this.dist, path),
    }) as AnyFn;
    const previous = this.loadingFile;
    this.loadingFile = path.replace(/\.js$/, '');
    try {
      wrapper((f: string) => this.require(f, path), module, module.exports);
    } finally {
      this.loadingFile = previous;
    }
    return module.exports;
  }

  /**
   * Compiles `source` in the app's sandbox (its globals and built-ins) as a module body; returns the wrapper,
   * to call with a `module` object. For tests that probe the sandbox itself.
   */
  evaluate(source: string): (module: { exports: unknown }) => void {
    return vm.runInContext(`(function (module) {${source}\n})`, this.context) as (module: { exports: unknown }) => void;
  }

  launch(query: Record<string, string> = {}): void {
    this.require('app.js');
    if (!this.appInstance) throw new Error('app.js did not call App()');
    const options = { path: this.appConfig.pages[0], query, scene: 1001 };
    (this.appInstance.onLaunch as AnyFn | undefined)?.call(this.appInstance, options);
    (this.appInstance.onShow as AnyFn | undefined)?.call(this.appInstance, options);
  }

  /** Opens a page as `navigateTo` would: runs onLoad, onShow, onReady. */
  openPage(route: string, query: Record<string, string> = {}): WeappPage {
    const clean = route.replace(/^\//, '');
    this.require(`${clean}.js`);
    const config = this.pageConfigs.get(clean);
    if (!config) throw new Error(`${clean}.js did not call Page()`);
    const instance = this.instantiate(config, clean) as Instance;
    instance.route = clean;
    instance.__route__ = clean;
    instance.options = query;
    this.stack.push({ route: clean, instance });
    this.guard(() => (instance.onLoad as AnyFn | undefined)?.call(instance, query));
    this.guard(() => (instance.onShow as AnyFn | undefined)?.call(instance));
    this.guard(() => (instance.onReady as AnyFn | undefined)?.call(instance));
    return new WeappPage(this, clean, instance);
  }

  currentPage(): WeappPage | undefined {
    const top = this.stack[this.stack.length - 1];
    return top ? new WeappPage(this, top.route, top.instance) : undefined;
  }

  private openUrl(url: string): void {
    const [path = '', search = ''] = url.split('?');
    const query = Object.fromEntries(new URLSearchParams(search));
    const route = path.startsWith('/') ? path : join(dirname(this.stack[this.stack.length - 1]?.route ?? ''), path);
    this.openPage(route, query);
  }

  private instantiate(config: Record<string, unknown>, route: string): Record<string, unknown> {
    const instance: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(config)) instance[k] = typeof v === 'function' ? v : v;
    instance.data = clone((config.data as Record<string, unknown>) ?? {});
    instance.setData = (patch: Record<string, unknown>, cb?: () => void) => {
      const json = JSON.stringify(patch);
      this.setDataLog.push({
        time: this.now(),
        bytes: Buffer.byteLength(json, 'utf8'),
        keys: Object.keys(patch),
        target: 'page',
        route,
      });
      applySetData(instance.data as Record<string, unknown>, patch);
      if (cb) queueMicrotask(() => this.guard(cb));
    };
    instance.selectComponent = () => null;
    instance.selectAllComponents = () => [];
    instance.createSelectorQuery = () =>
      makeSelectorQuery(this.options.windowWidth ?? 375, this.options.windowHeight ?? 812);
    instance.getTabBar = () => undefined;
    instance.getOpenerEventChannel = () => ({ emit: () => undefined, on: () => undefined });
    return instance;
  }

  /**
   * Renders `route` with `data` through the `wcc`-compiled templates and turns WeChat's virtual tree into
   * `WeappNode`s. Taro's `comp` custom component (used past the template depth limit) is rendered with its
   * own template and its properties, and replaced by what it renders, as it is a virtual host. A warning of
   * the compiled templates (a missing template, a failed binding) is recorded as an error.
   */
  render(route: string, data: Record<string, unknown>): WeappNode {
    const root: WeappNode = {
      tag: 'page',
      nn: '',
      sid: 'root',
      id: '',
      className: '',
      style: '',
      attrs: {},
      children: [],
    };
    const raw = new Map<string, Record<string, unknown>>();
    const index = (list: unknown) => {
      if (!Array.isArray(list)) return;
      for (const d of list as Array<Record<string, unknown>>) {
        if (!d || typeof d !== 'object') continue;
        if (typeof d.sid === 'string') raw.set(d.sid, d);
        index(d.cn);
      }
    };
    index((data.root as { cn?: unknown } | undefined)?.cn);
    const vtree = this.templates.render(route, data);
    root.children = this.fromVNodes(vtree.children ?? [], root, raw, this.componentsOf(route));
    for (const warning of this.templates.takeWarnings()) {
      const message = `wcc (${route}): ${warning}`;
      if (!this.errors.includes(message)) this.errors.push(message);
    }
    return root;
  }

  private readonly usingComponents = new Map<string, Record<string, string>>();

  /** `usingComponents` of a page or component (`tag` → path relative to the dist folder). */
  private componentsOf(path: string): Record<string, string> {
    let found = this.usingComponents.get(path);
    if (!found) {
      found = {};
      try {
        const json = JSON.parse(readFileSync(join(this.dist, `${path}.json`), 'utf8')) as {
          usingComponents?: Record<string, string>;
        };
        for (const [tag, target] of Object.entries(json.usingComponents ?? {})) {
          // Plugin components (`plugin://`, `plugin-private://`) have no template in the build: kept as tags.
          if (!/^[a-z-]+:\/\//.test(target))
            found[tag] = normalize(join(dirname(path), target))
              .split('\\')
              .join('/');
        }
      } catch {}
      this.usingComponents.set(path, found);
    }
    return found;
  }

  private fromVNodes(
    list: Array<WxVNode | string>,
    parent: WeappNode,
    raw: Map<string, Record<string, unknown>>,
    components: Record<string, string>,
  ): WeappNode[] {
    const out: WeappNode[] = [];
    for (const v of list) {
      if (typeof v === 'string') {
        out.push({
          tag: '#text',
          nn: '',
          sid: '',
          id: '',
          className: '',
          style: '',
          text: v,
          attrs: {},
          children: [],
          parent,
        });
        continue;
      }
      if (!v || typeof v !== 'object') continue;
      const tag = v.tag.replace(/^wx-/, '');
      // wcc prefixes custom components' tags too (`wx-comp`).
      const component = components[tag];
      if (component) {
        // A custom component: its own template, its properties as data (Taro's `comp`: `i`, `l`).
        const rendered = this.templates.render(component, { ...(v.attr ?? {}) });
        out.push(...this.fromVNodes(rendered.children ?? [], parent, raw, this.componentsOf(component)));
        continue;
      }
      const attr = v.attr ?? {};
      const sid = String(attr['data-sid'] ?? '');
      const attrs: Record<string, unknown> = {};
      for (const [k, value] of Object.entries(attr)) {
        if (k === 'class' || k === 'style' || k === 'id' || k === 'data-sid') continue;
        if (/^(bind|catch|capture-bind|capture-catch|mut-bind)/.test(k) && value === 'eh') continue;
        attrs[kebab(k)] = value;
      }
      const node: WeappNode = {
        tag,
        nn: String(raw.get(sid)?.nn ?? ''),
        sid,
        id: String(attr.id ?? sid),
        className: String(attr.class ?? ''),
        style: String(attr.style ?? ''),
        attrs,
        children: [],
        parent,
      };
      node.children = this.fromVNodes(v.children ?? [], node, raw, components);
      out.push(node);
    }
    return out;
  }

  async waitFor<T>(check: () => T | undefined | false, timeoutMs = 5000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      let last: unknown;
      try {
        const v = check();
        if (v !== undefined && v !== false) return v as T;
      } catch (e) {
        last = e;
      }
      if (Date.now() > deadline) {
        const page = this.currentPage();
        throw new Error(
          `waitFor timed out after ${timeoutMs} ms${last ? `: ${String(last)}` : ''}\n${page ? page.describe() : ''}\nerrors: ${this.errors.map(String).join('\n')}`,
        );
      }
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  private connectSocket(o: { url: string; protocols?: string[]; success?: AnyFn; fail?: AnyFn }) {
    const ws = new WebSocket(o.url, o.protocols);
    this.sockets.add(ws);
    const handlers: Record<string, AnyFn[]> = { open: [], message: [], close: [], error: [] };
    const emit = (type: string, arg: unknown) => {
      for (const h of handlers[type] ?? []) this.guard(() => h(arg));
    };
    ws.on('open', () => emit('open', {}));
    ws.on('message', (data, isBinary) => emit('message', { data: isBinary ? data : data.toString() }));
    ws.on('close', (code, reason) => {
      this.sockets.delete(ws);
      emit('close', { code, reason: reason.toString() });
    });
    ws.on('error', (e) => emit('error', { errMsg: String(e) }));
    queueMicrotask(() => o.success?.({ errMsg: 'connectSocket:ok' }));
    return {
      send: (opts: { data: string; success?: AnyFn; fail?: AnyFn }) => {
        if (ws.readyState !== WebSocket.OPEN) {
          opts.fail?.({ errMsg: 'sendSocketMessage:fail not open' });
          return;
        }
        ws.send(opts.data, (err) => (err ? opts.fail?.({ errMsg: String(err) }) : opts.success?.({ errMsg: 'ok' })));
      },
      close: (opts: { code?: number; reason?: string } = {}) => ws.close(opts.code ?? 1000, opts.reason),
      onOpen: (h: AnyFn) => handlers.open?.push(h),
      onMessage: (h: AnyFn) => handlers.message?.push(h),
      onClose: (h: AnyFn) => handlers.close?.push(h),
      onError: (h: AnyFn) => handlers.error?.push(h),
    };
  }

  private request(o: {
    url: string;
    method?: string;
    data?: unknown;
    header?: Record<string, string>;
    success?: AnyFn;
    fail?: AnyFn;
    complete?: AnyFn;
  }) {
    const controller = new AbortController();
    const method = (o.method ?? 'GET').toUpperCase();
    const hasBody = method !== 'GET' && o.data !== undefined;
    fetch(o.url, {
      method,
      headers: { 'content-type': 'application/json', ...o.header },
      body: hasBody ? (typeof o.data === 'string' ? o.data : JSON.stringify(o.data)) : undefined,
      signal: controller.signal,
    })
      .then(async (res) => {
        const text = await res.text();
        let data: unknown = text;
        try {
          data = this.contextJSON.parse(text);
        } catch {}
        const result = { statusCode: res.status, data, header: Object.fromEntries(res.headers), errMsg: 'request:ok' };
        this.guard(() => o.success?.(result));
        this.guard(() => o.complete?.(result));
      })
      .catch((e: unknown) => {
        const result = { errMsg: `request:fail ${String(e)}` };
        this.guard(() => o.fail?.(result));
        this.guard(() => o.complete?.(result));
      });
    return { abort: () => controller.abort() };
  }

  close(): void {
    for (const page of this.stack.splice(0).reverse()) {
      this.guard(() => (page.instance.onUnload as AnyFn | undefined)?.call(page.instance));
    }
    for (const t of this.timers) {
      clearTimeout(t);
      clearInterval(t);
    }
    this.timers.clear();
    for (const s of this.sockets) s.terminate();
    this.sockets.clear();
  }

  /** Path of a built file relative to the dist folder (for messages). */
  rel(path: string): string {
    return relative(this.dist, path);
  }
}

function makeSelectorQuery(width: number, height: number) {
  const results: unknown[] = [];
  const query = {
    in: () => query,
    select: () => node,
    selectAll: () => node,
    selectViewport: () => node,
    exec: (cb?: (r: unknown[]) => void) => queueMicrotask(() => cb?.(results)),
  };
  const node = {
    boundingClientRect: (cb?: AnyFn) => {
      const rect = { left: 0, top: 0, right: width, bottom: height, width, height };
      results.push(rect);
      cb?.(rect);
      return query;
    },
    scrollOffset: (cb?: AnyFn) => {
      const r = { scrollLeft: 0, scrollTop: 0, scrollWidth: width, scrollHeight: height };
      results.push(r);
      cb?.(r);
      return query;
    },
    fields: (_f: unknown, cb?: AnyFn) => {
      results.push({});
      cb?.({});
      return query;
    },
    node: (cb?: AnyFn) => {
      results.push({ node: null });
      cb?.({ node: null });
      return query;
    },
    context: (cb?: AnyFn) => {
      results.push({ context: null });
      cb?.({ context: null });
      return query;
    },
  };
  return query;
}

/** `hoverClass` → `hover-class`: wcc reports WXML attributes in camel case. */
function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}

/** Loads the weapp build and launches the app. Call `runtime.close()` when done. */
export function loadWeapp(options: LoadOptions = {}): WeappRuntime {
  const runtime = new WeappRuntime(options.dist ?? WEAPP_DIST, options);
  runtime.launch();
  return runtime;
}
