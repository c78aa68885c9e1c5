import { type Clock, LiveSellError, systemClock } from '@livesell/core';
import { createDailyBudget, type DailyBudgetSnapshot } from './daily-budget';
import {
  WX_EMPTY_ERRCODES,
  WX_ERRCODE,
  WX_TOKEN_ERRCODES,
  type WxLiveGoods,
  type WxLiveReplay,
  type WxLiveRoomInfo,
  type WxReplayRequest,
  type WxRoomListRequest,
} from './types';

export interface WxLiveClientOptions {
  /**
   * Your backend's access token source (WeChat `getAccessToken` / `getStableAccessToken`, cached by
   * you). Called with `forceRefresh: true` once after WeChat rejects a token (40001/40014/42001).
   */
  getAccessToken(options: { forceRefresh: boolean }): Promise<string>;
  fetch?: typeof fetch;
  /** Default `https://api.weixin.qq.com`; point it at the local server to work offline. */
  baseUrl?: string;
  clock?: Clock;
  /** Calls per day shared by room list and replay (WeChat's documented limit: 500). */
  dailyBudget?: number;
  /** The budget's day boundary. Default `Asia/Shanghai`. */
  timeZone?: string;
  /** How long an answer is reused without a call (ms). Default 5 minutes; 0 disables the cache. */
  cacheTtlMs?: number;
  /** Per-request timeout (ms). Default 10 s. */
  timeoutMs?: number;
}

export interface WxRoomList {
  rooms: WxLiveRoomInfo[];
  /** Total rooms on WeChat's side (for paging). */
  total: number;
  fromCache: boolean;
}

export interface WxReplayList {
  replays: WxLiveReplay[];
  total: number;
  fromCache: boolean;
}

export interface WxLiveClient {
  getRoomList(request?: { start?: number; limit?: number }): Promise<WxRoomList>;
  getReplay(request: { roomId: number; start?: number; limit?: number }): Promise<WxReplayList>;
  /** Pages through the whole room list (each page is one call unless cached), deduplicated by `roomid`. */
  getAllRooms(options?: { pageSize?: number; maxPages?: number }): Promise<WxLiveRoomInfo[]>;
  budget(): DailyBudgetSnapshot;
  clearCache(): void;
}

interface Page<T> {
  items: T[];
  total: number;
}

const API_PATH = '/wxa/business/getliveinfo';
const MAX_CACHE_ENTRIES = 500;

/**
 * A client for WeChat's `getliveinfo` (live-player-plugin room list and replay) for the merchant
 * backend. WeChat allows 500 calls a day for both together, so answers are cached and a local
 * budget refuses the call that WeChat would refuse, before it is sent. Never call this from a
 * mini program or browser: the access token is a server secret.
 */
export function createWxLiveClient(options: WxLiveClientOptions): WxLiveClient {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const baseUrl = (options.baseUrl ?? 'https://api.weixin.qq.com').replace(/\/+$/, '');
  const clock = options.clock ?? systemClock;
  const ttl = options.cacheTtlMs ?? 5 * 60_000;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const budget = createDailyBudget({
    limit: options.dailyBudget ?? 500,
    timeZone: options.timeZone ?? 'Asia/Shanghai',
    clock,
  });
  const cache = new Map<string, { expiresAt: number; value: Page<unknown> }>();
  const inFlight = new Map<string, Promise<Page<unknown>>>();

  async function cached<T>(api: string, body: object, parse: (json: Record<string, unknown>) => Page<T>) {
    const key = JSON.stringify(body);
    const hit = cache.get(key);
    if (hit && hit.expiresAt > clock.now()) return { page: hit.value as Page<T>, fromCache: true };
    cache.delete(key);
    // Identical concurrent requests share one call (and one unit of budget).
    let pending = inFlight.get(key) as Promise<Page<T>> | undefined;
    if (!pending) {
      pending = call(api, body, parse).finally(() => inFlight.delete(key));
      inFlight.set(key, pending);
    }
    const page = await pending;
    if (ttl > 0 && !cache.has(key)) {
      if (cache.size >= MAX_CACHE_ENTRIES) cache.delete(cache.keys().next().value as string);
      cache.set(key, { expiresAt: clock.now() + ttl, value: page });
    }
    return { page, fromCache: false };
  }

  async function call<T>(
    api: string,
    body: object,
    parse: (json: Record<string, unknown>) => Page<T>,
  ): Promise<Page<T>> {
    let token = await accessToken(false);
    for (let attempt = 0; ; attempt++) {
      const json = await post(api, token, body);
      const errcode = typeof json.errcode === 'number' ? json.errcode : 0;
      if (errcode === WX_ERRCODE.OK) return parse(json);
      if (WX_EMPTY_ERRCODES.has(errcode)) return { items: [], total: 0 };
      if (WX_TOKEN_ERRCODES.has(errcode) && attempt === 0) {
        token = await accessToken(true);
        continue;
      }
      throw wxError(api, errcode, typeof json.errmsg === 'string' ? json.errmsg : '');
    }
  }

  async function accessToken(forceRefresh: boolean): Promise<string> {
    let token: string;
    try {
      token = await options.getAccessToken({ forceRefresh });
    } catch (cause) {
      throw new LiveSellError('PERMISSION_DENIED', 'getAccessToken failed', { cause });
    }
    if (typeof token !== 'string' || token === '') {
      throw new LiveSellError('PERMISSION_DENIED', 'getAccessToken returned no token', { fatal: true });
    }
    return token;
  }

  async function post(api: string, token: string, body: object): Promise<Record<string, unknown>> {
    budget.take(api);
    const url = `${baseUrl}${API_PATH}?access_token=${encodeURIComponent(token)}`;
    let response: Response;
    try {
      response = await fetchImpl(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (cause) {
      throw new LiveSellError('NETWORK', `${api}: request failed`, { cause, details: { api } });
    }
    if (!response.ok) {
      throw new LiveSellError('NETWORK', `${api}: HTTP ${response.status}`, {
        details: { api, status: response.status },
      });
    }
    let json: unknown;
    try {
      json = await response.json();
    } catch (cause) {
      throw new LiveSellError('REMOTE', `${api}: response is not JSON`, { cause, details: { api } });
    }
    if (!json || typeof json !== 'object' || Array.isArray(json)) {
      throw new LiveSellError('REMOTE', `${api}: response is not a JSON object`, { details: { api } });
    }
    return json as Record<string, unknown>;
  }

  const client: WxLiveClient = {
    async getRoomList(request = {}) {
      const body: WxRoomListRequest = { start: paging('start', request.start ?? 0), limit: limit(request.limit ?? 10) };
      const { page, fromCache } = await cached('getRoomList', body, (json) => ({
        items: Array.isArray(json.room_info) ? json.room_info.flatMap(toRoom) : [],
        total: toCount(json.total),
      }));
      return {
        rooms: page.items.map((r) => ({ ...r, goods: r.goods.map((g) => ({ ...g })) })),
        total: page.total,
        fromCache,
      };
    },

    async getReplay(request) {
      if (!Number.isSafeInteger(request.roomId) || request.roomId <= 0) {
        throw new LiveSellError('INVALID_ARGUMENT', `roomId must be a positive integer, got ${request.roomId}`);
      }
      const body: WxReplayRequest = {
        action: 'get_replay',
        room_id: request.roomId,
        start: paging('start', request.start ?? 0),
        limit: limit(request.limit ?? 10),
      };
      const { page, fromCache } = await cached('getReplay', body, (json) => ({
        items: Array.isArray(json.live_replay) ? json.live_replay.flatMap(toReplay) : [],
        total: toCount(json.total),
      }));
      return { replays: page.items.map((r) => ({ ...r })), total: page.total, fromCache };
    },

    async getAllRooms({ pageSize = 100, maxPages = 100 } = {}) {
      const rooms = new Map<number, WxLiveRoomInfo>();
      let start = 0;
      for (let i = 0; i < maxPages; i++) {
        const page = await client.getRoomList({ start, limit: pageSize });
        for (const room of page.rooms) if (!rooms.has(room.roomid)) rooms.set(room.roomid, room);
        start += page.rooms.length;
        if (page.rooms.length === 0 || start >= page.total) break;
      }
      return [...rooms.values()];
    },

    budget: () => budget.snapshot(),
    clearCache: () => cache.clear(),
  };

  function wxError(api: string, errcode: number, errmsg: string): LiveSellError {
    const details = { api, errcode, errmsg };
    if (errcode === WX_ERRCODE.API_QUOTA_EXCEEDED) {
      budget.exhaust();
      return new LiveSellError('BUDGET_EXCEEDED', `${api}: WeChat's daily quota is used up (45009)`, {
        timCode: errcode,
        details,
      });
    }
    if (WX_TOKEN_ERRCODES.has(errcode) || errcode === WX_ERRCODE.NO_API_PERMISSION) {
      return new LiveSellError('PERMISSION_DENIED', `${api}: ${errcode} ${errmsg}`, {
        timCode: errcode,
        fatal: true,
        details,
      });
    }
    if (errcode === WX_ERRCODE.INVALID_ARGUMENT) {
      return new LiveSellError('INVALID_ARGUMENT', `${api}: ${errcode} ${errmsg}`, {
        timCode: errcode,
        fatal: true,
        details,
      });
    }
    return new LiveSellError('REMOTE', `${api}: ${errcode} ${errmsg}`, {
      timCode: errcode,
      fatal: errcode !== WX_ERRCODE.SYSTEM_BUSY,
      details,
    });
  }

  return client;
}

function paging(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new LiveSellError('INVALID_ARGUMENT', `${name} must be a non-negative integer, got ${value}`);
  }
  return value;
}

function limit(value: number): number {
  if (!Number.isSafeInteger(value) || value < 1 || value > 100) {
    throw new LiveSellError('INVALID_ARGUMENT', `limit must be 1–100 (WeChat advises within 100), got ${value}`);
  }
  return value;
}

function toCount(value: unknown): number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : 0;
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

function toRoom(raw: unknown): WxLiveRoomInfo[] {
  if (!raw || typeof raw !== 'object') return [];
  const r = raw as Record<string, unknown>;
  if (typeof r.roomid !== 'number' || !Number.isSafeInteger(r.roomid)) return [];
  const room: WxLiveRoomInfo = {
    name: str(r.name),
    roomid: r.roomid,
    cover_img: str(r.cover_img),
    // WeChat's own sample response spells it `live_satus`.
    live_status: num(r.live_status ?? r.live_satus),
    start_time: num(r.start_time),
    end_time: num(r.end_time),
    anchor_name: str(r.anchor_name),
    anchor_img: str(r.anchor_img),
    goods: Array.isArray(r.goods) ? r.goods.flatMap(toGoods) : [],
  };
  if (typeof r.group_id === 'string') room.group_id = r.group_id;
  return [room];
}

function toGoods(raw: unknown): WxLiveGoods[] {
  if (!raw || typeof raw !== 'object') return [];
  const g = raw as Record<string, unknown>;
  return [{ cover_img: str(g.cover_img), url: str(g.url), price: num(g.price), name: str(g.name) }];
}

function toReplay(raw: unknown): WxLiveReplay[] {
  if (!raw || typeof raw !== 'object') return [];
  const r = raw as Record<string, unknown>;
  if (typeof r.media_url !== 'string') return [];
  return [{ expire_time: str(r.expire_time), create_time: str(r.create_time), media_url: r.media_url }];
}
