import { LiveSellError } from '../errors';
import type { ReplayChapter, ReplayInfo, TimelinePage, TimelineQuery } from '../protocol/replay';
import { decodeChapters, decodeReplayInfo, decodeTimelinePage } from './wire';

/**
 * The part of `fetch` the replay client uses; `globalThis.fetch` fits. In a mini program (no
 * `fetch`) pass an adapter over `Taro.request` / `wx.request`.
 */
export type ReplayFetch = (
  url: string,
  init?: { method?: string; headers?: Record<string, string>; signal?: unknown },
) => Promise<{ status: number; json(): Promise<unknown> }>;

export interface ReplayClientOptions {
  /** The local server's `httpUrl` (or your merchant backend), without the API prefix. */
  baseUrl: string;
  roomID: string;
  fetch?: ReplayFetch;
  /** Default `/v4/merchant`. */
  prefix?: string;
}

export interface ReplayClient {
  readonly roomID: string;
  /** Segments, chapters, times and whether the merchant sells on the replay. */
  replay(): Promise<ReplayInfo>;
  /** One page of the timeline in `[from, to)`; follow `next` with `cursor`. */
  timeline(query: TimelineQuery): Promise<TimelinePage>;
  chapters(): Promise<ReplayChapter[]>;
}

function defaultFetch(): ReplayFetch {
  if (typeof fetch !== 'function') {
    throw new LiveSellError(
      'NOT_SUPPORTED',
      'No fetch here: pass `fetch` (e.g. over Taro.request) to createReplayClient',
    );
  }
  return (url, init) => fetch(url, init as RequestInit);
}

const int = (n: number) => String(Math.max(0, Math.floor(n)));

/** A typed reader of a room's replay over the merchant API (public GETs: no credentials). */
export function createReplayClient(options: ReplayClientOptions): ReplayClient {
  const base = `${options.baseUrl.replace(/\/+$/, '')}${(options.prefix ?? '/v4/merchant').replace(/\/+$/, '')}/rooms/${encodeURIComponent(options.roomID)}`;

  async function get(path: string): Promise<unknown> {
    const doFetch = options.fetch ?? defaultFetch();
    let res: { status: number; json(): Promise<unknown> };
    try {
      res = await doFetch(`${base}${path}`, { method: 'GET', headers: { Accept: 'application/json' } });
    } catch (error) {
      throw new LiveSellError('NETWORK', `replay GET ${path}: ${String(error)}`, { cause: error });
    }
    let body: unknown = null;
    try {
      body = await res.json();
    } catch {
      // Not JSON: reported below by status or shape.
    }
    if (res.status >= 200 && res.status < 300) return body;
    const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
    const code = typeof error?.code === 'string' ? error.code : `HTTP_${res.status}`;
    throw new LiveSellError(
      res.status === 404 ? 'NOT_FOUND' : res.status === 400 ? 'INVALID_ARGUMENT' : 'REMOTE',
      typeof error?.message === 'string' ? error.message.slice(0, 200) : `replay GET ${path}: HTTP ${res.status}`,
      { fatal: res.status >= 400 && res.status < 500, details: { status: res.status, code } },
    );
  }

  const bad = (what: string) =>
    new LiveSellError('REMOTE', `replay: the server's ${what} is not in the expected shape`);

  return {
    roomID: options.roomID,
    async replay() {
      const info = decodeReplayInfo(await get('/replay'));
      if (!info) throw bad('replay');
      return info;
    },
    async timeline(query) {
      let q = `?from=${int(query.from)}&to=${int(query.to)}`;
      if (query.limit) q += `&limit=${Math.min(500, Math.max(1, Math.floor(query.limit)))}`;
      if (query.cursor) q += `&cursor=${encodeURIComponent(query.cursor)}`;
      if (query.types?.length) q += `&types=${query.types.join(',')}`;
      const page = decodeTimelinePage(await get(`/timeline${q}`));
      if (!page) throw bad('timeline');
      return page;
    },
    async chapters() {
      const body = (await get('/chapters')) as { chapters?: unknown } | null;
      return decodeChapters(body && typeof body === 'object' ? body.chapters : null);
    },
  };
}
