import { LiveSellError } from '../errors';
import { LIVE_PLAYER_PLUGIN_PAGE, LIVE_ROOM_ENTRY, type LiveRoomEntryType } from './constants';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Developer parameters carried through the room to the goods page and share cards (`custom_params`). */
export type LiveRoomCustomParams = { [key: string]: JsonValue };

export interface LiveRoomUrlOptions {
  /** The WeChat live room id (`roomid` from `getliveinfo`). */
  roomId: number;
  /** `'qrcode'` (type=9) behind a mini program code you generated, `'article'` (type=10) in an article card. */
  entry?: 'qrcode' | 'article' | LiveRoomEntryType;
  customParams?: LiveRoomCustomParams;
}

export interface LiveRoomUrl {
  roomId: number;
  entry?: LiveRoomEntryType;
  customParams?: LiveRoomCustomParams;
}

/**
 * `plugin-private://wx2b03c6e691cd7370/pages/live-player-plugin?room_id=…[&type=9|10][&custom_params=…]`,
 * with `custom_params` as `encodeURIComponent(JSON.stringify(params))` the way WeChat documents it.
 */
export function buildLiveRoomUrl(options: LiveRoomUrlOptions): string {
  const roomId = toRoomId(options.roomId);
  if (roomId === undefined) {
    throw new LiveSellError('INVALID_ARGUMENT', `roomId must be a positive integer, got ${String(options.roomId)}`);
  }
  let url = `${LIVE_PLAYER_PLUGIN_PAGE}?room_id=${roomId}`;
  if (options.entry !== undefined) url += `&type=${toEntry(options.entry)}`;
  if (options.customParams !== undefined) {
    if (!isPlainObject(options.customParams)) {
      throw new LiveSellError('INVALID_ARGUMENT', 'customParams must be a plain object');
    }
    url += `&custom_params=${encodeURIComponent(JSON.stringify(options.customParams))}`;
  }
  return url;
}

/** Reads a live room URL back; `undefined` when it is not a valid live-player-plugin room URL. */
export function parseLiveRoomUrl(url: string): LiveRoomUrl | undefined {
  if (typeof url !== 'string' || !url.startsWith(`${LIVE_PLAYER_PLUGIN_PAGE}?`)) return undefined;
  const query = parseQuery(url.slice(LIVE_PLAYER_PLUGIN_PAGE.length + 1));
  const roomId = toRoomId(query.room_id);
  if (roomId === undefined) return undefined;
  const result: LiveRoomUrl = { roomId };
  const type = Number(query.type);
  if (type === LIVE_ROOM_ENTRY.QR_CODE || type === LIVE_ROOM_ENTRY.ARTICLE_CARD) result.entry = type;
  const customParams = parseCustomParams(query.custom_params);
  if (customParams) result.customParams = customParams;
  return result;
}

/**
 * Decodes `custom_params` as it reaches a page: WeChat hands it over URI-encoded once or not at
 * all depending on the route, so both are accepted. Anything that is not a JSON object is dropped
 * (it came through a URL anyone can craft).
 */
export function parseCustomParams(raw: unknown): LiveRoomCustomParams | undefined {
  if (typeof raw !== 'string' || raw === '' || raw.length > 8192) return undefined;
  let text = raw;
  for (let i = 0; i < 3; i++) {
    const parsed = tryJson(text);
    if (parsed !== undefined) return isPlainObject(parsed) ? (parsed as LiveRoomCustomParams) : undefined;
    const decoded = tryDecode(text);
    if (decoded === undefined || decoded === text) return undefined;
    text = decoded;
  }
  return undefined;
}

/** A positive safe integer room id from a number or a decimal string. */
export function toRoomId(value: unknown): number | undefined {
  const n = typeof value === 'string' && /^\d{1,16}$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

function toEntry(entry: NonNullable<LiveRoomUrlOptions['entry']>): LiveRoomEntryType {
  if (entry === 'qrcode' || entry === LIVE_ROOM_ENTRY.QR_CODE) return LIVE_ROOM_ENTRY.QR_CODE;
  if (entry === 'article' || entry === LIVE_ROOM_ENTRY.ARTICLE_CARD) return LIVE_ROOM_ENTRY.ARTICLE_CARD;
  throw new LiveSellError('INVALID_ARGUMENT', `entry must be 'qrcode', 'article', 9 or 10, got ${String(entry)}`);
}

function parseQuery(query: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of query.split('&')) {
    const eq = part.indexOf('=');
    const key = eq < 0 ? part : part.slice(0, eq);
    // custom_params stays encoded here: parseCustomParams decodes it as many times as needed.
    if (key && !(key in out)) out[key] = eq < 0 ? '' : part.slice(eq + 1);
  }
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function tryDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}
