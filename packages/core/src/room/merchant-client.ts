import { LiveSellError, type LiveSellErrorCode } from '../errors';
import type {
  BuyInput,
  ClaimInput,
  CreateGoodsInput,
  IssueCouponInput,
  MerchantClaim,
  MerchantCoupon,
  MerchantExplaining,
  MerchantGoods,
  MerchantOrder,
  UpdateGoodsInput,
} from './merchant-types';
import type { PurchaseAnnouncement } from './merchant-wire';

/** One HTTP exchange. The default uses `fetch`; on weapp pass an adapter over `Taro.request`/`wx.request`. */
export type MerchantRequest = (request: {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
}) => Promise<{ status: number; body: unknown }>;

export interface MerchantClientOptions {
  /** The local server's `httpUrl` (or your merchant backend), without the API prefix. */
  baseUrl: string;
  /** The IM identity the calls act for; a function is asked before every call (sigs expire). */
  credentials?:
    | { userID: string; userSig: string }
    | (() => { userID: string; userSig: string } | Promise<{ userID: string; userSig: string }>);
  /** Default `/v4/merchant`. */
  prefix?: string;
  request?: MerchantRequest;
}

type Timed<T> = T & { serverTime: number };

export interface MerchantClient {
  listGoods(
    roomID: string,
    options?: { all?: boolean },
  ): Promise<Timed<{ goods: MerchantGoods[]; explaining: MerchantExplaining | null }>>;
  createGoods(roomID: string, input: CreateGoodsInput): Promise<Timed<{ goods: MerchantGoods }>>;
  updateGoods(
    roomID: string,
    goodsID: string,
    patch: UpdateGoodsInput,
  ): Promise<Timed<{ goods: MerchantGoods; explaining: MerchantExplaining | null }>>;
  /** Pins a product for the whole room (`null` clears); the server writes `add_goods`. */
  setExplaining(
    roomID: string,
    goodsID: string | null,
  ): Promise<Timed<{ explaining: MerchantExplaining | null; value: string }>>;
  listCoupons(roomID: string, options?: { all?: boolean }): Promise<Timed<{ coupons: MerchantCoupon[] }>>;
  issueCoupon(roomID: string, input: IssueCouponInput): Promise<Timed<{ coupon: MerchantCoupon; announced: boolean }>>;
  /** Rejects SOLD_OUT, ALREADY_CLAIMED, EXPIRED or NOT_FOUND. A request id is made when not given. */
  claimCoupon(
    roomID: string,
    couponID: string,
    input?: ClaimInput,
  ): Promise<Timed<{ claim: MerchantClaim; coupon: MerchantCoupon; replayed: boolean; announced: boolean }>>;
  /** Rejects SOLD_OUT, NOT_FOUND … A request id is made when not given. */
  buy(
    roomID: string,
    input: BuyInput,
  ): Promise<
    Timed<{
      order: MerchantOrder;
      goods: MerchantGoods;
      replayed: boolean;
      announced: boolean;
      via?: 'live' | 'replay';
    }>
  >;
  listOrders(roomID: string, options?: { limit?: number }): Promise<Timed<{ orders: MerchantOrder[] }>>;
  /** The room's last purchases as they were announced (public; for late joiners). */
  recentPurchases(roomID: string, options?: { limit?: number }): Promise<Timed<{ purchases: PurchaseAnnouncement[] }>>;
  /** Host only: adds the demo goods (idempotent). */
  seedDemo(roomID: string): Promise<Timed<{ goods: MerchantGoods[]; explaining: MerchantExplaining | null }>>;
  time(): Promise<Timed<object>>;
}

const CODE_BY_SERVER_CODE: Record<string, LiveSellErrorCode> = {
  SOLD_OUT: 'SOLD_OUT',
  INSUFFICIENT_STOCK: 'SOLD_OUT',
  ALREADY_CLAIMED: 'ALREADY_CLAIMED',
  COUPON_EXPIRED: 'EXPIRED',
  ROOM_ENDED: 'ROOM_ENDED',
  PAYLOAD_TOO_LARGE: 'MESSAGE_TOO_LARGE',
};

function codeFor(status: number, serverCode: string): LiveSellErrorCode {
  const mapped = CODE_BY_SERVER_CODE[serverCode];
  if (mapped) return mapped;
  if (status === 400) return 'INVALID_ARGUMENT';
  if (status === 401) return 'USERSIG_INVALID';
  if (status === 403) return 'PERMISSION_DENIED';
  if (status === 404) return 'NOT_FOUND';
  return 'REMOTE';
}

/**
 * The default `MerchantRequest` over `fetch` (a JSON body, or the text when it is not JSON);
 * `hint` tells the caller what to pass where there is no fetch (a mini program). Shared by the
 * merchant client and the moderation API's client.
 */
export function fetchMerchantRequest(hint: string): MerchantRequest {
  return async ({ url, method, headers, body }) => {
    if (typeof fetch !== 'function') throw new LiveSellError('NOT_SUPPORTED', `No fetch here: ${hint}`);
    const res = await fetch(url, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : {};
    } catch {
      // Not JSON (a proxy's error page): keep the text for the error message.
    }
    return { status: res.status, body: parsed };
  };
}

const fetchRequest = fetchMerchantRequest('pass `request` (e.g. over Taro.request) to createMerchantClient');

let requestSeq = 0;
/** Unique enough per client process; the server scopes request ids per user. */
function newRequestID(): string {
  requestSeq = (requestSeq + 1) % 1_000_000;
  return `r${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}${requestSeq}`;
}

/**
 * A typed client for the merchant API. Every call resolves with the server's JSON (including
 * `serverTime`, for `store.actions.syncServerTime`) or rejects with a `LiveSellError` whose
 * `details.code` is the server's error code and `details.status` the HTTP status.
 */
export function createMerchantClient(options: MerchantClientOptions): MerchantClient {
  const base = `${options.baseUrl.replace(/\/+$/, '')}${(options.prefix ?? '/v4/merchant').replace(/\/+$/, '')}`;
  const request = options.request ?? fetchRequest;
  const room = (roomID: string) => `/rooms/${encodeURIComponent(roomID)}`;

  async function call<T>(method: string, path: string, body?: object): Promise<Timed<T>> {
    const headers: Record<string, string> = {};
    const creds = typeof options.credentials === 'function' ? await options.credentials() : options.credentials;
    if (creds) headers.Authorization = `Bearer ${creds.userID}:${creds.userSig}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response: { status: number; body: unknown };
    try {
      response = await request({
        url: `${base}${path}`,
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      if (error instanceof LiveSellError) throw error;
      throw new LiveSellError('NETWORK', `merchant ${method} ${path}: ${String(error)}`, { cause: error });
    }
    const json = response.body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null;
    if (response.status >= 200 && response.status < 300 && json && typeof json === 'object') return json as Timed<T>;
    const serverCode = typeof json?.error?.code === 'string' ? json.error.code : `HTTP_${response.status}`;
    const message =
      typeof json?.error?.message === 'string'
        ? json.error.message
        : `merchant ${method} ${path}: HTTP ${response.status}`;
    throw new LiveSellError(codeFor(response.status, serverCode), message, {
      // A 4xx says the same request will fail again; 408/429 and 5xx may pass later.
      fatal: response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429,
      details: {
        status: response.status,
        code: serverCode,
        ...(json?.error?.details && typeof json.error.details === 'object' ? { error: json.error.details } : {}),
      },
    });
  }

  const query = (all?: boolean) => (all ? '?status=all' : '');
  return {
    listGoods: (roomID, o = {}) => call('GET', `${room(roomID)}/goods${query(o.all)}`),
    createGoods: (roomID, input) => call('POST', `${room(roomID)}/goods`, input),
    updateGoods: (roomID, goodsID, patch) =>
      call('PATCH', `${room(roomID)}/goods/${encodeURIComponent(goodsID)}`, patch),
    setExplaining: (roomID, goodsID) => call('PUT', `${room(roomID)}/explaining`, { goodsID }),
    listCoupons: (roomID, o = {}) => call('GET', `${room(roomID)}/coupons${query(o.all)}`),
    issueCoupon: (roomID, input) => call('POST', `${room(roomID)}/coupons`, input),
    claimCoupon: (roomID, couponID, input = {}) =>
      call('POST', `${room(roomID)}/coupons/${encodeURIComponent(couponID)}/claim`, {
        ...input,
        requestID: input.requestID ?? newRequestID(),
      }),
    buy: (roomID, input) =>
      call('POST', `${room(roomID)}/orders`, { ...input, requestID: input.requestID ?? newRequestID() }),
    listOrders: (roomID, o = {}) => call('GET', `${room(roomID)}/orders${o.limit ? `?limit=${o.limit}` : ''}`),
    recentPurchases: (roomID, o = {}) => call('GET', `${room(roomID)}/purchases${o.limit ? `?limit=${o.limit}` : ''}`),
    seedDemo: (roomID) => call('POST', `${room(roomID)}/demo`),
    time: () => call('GET', '/time'),
  };
}
