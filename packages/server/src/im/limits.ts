import {
  MAX_ATTRIBUTE_KEY_BYTES,
  MAX_ATTRIBUTE_KEYS,
  MAX_ATTRIBUTE_TOTAL_BYTES,
  MAX_ATTRIBUTE_VALUE_BYTES,
  MAX_FIELD_KEY_BYTES,
  MAX_FIELD_VALUE_BYTES,
  MAX_GROUP_FIELDS,
  MAX_GROUP_ID_BYTES,
  MAX_PROFILE_BATCH,
  MAX_USER_ID_BYTES,
  TIM_ERROR,
} from '@livesell/core/protocol';
import { ImError } from './im-error';

/**
 * What one peer may cost the local server (issue 11). Tencent IM documents the room limit (40 msgs/s)
 * and the codes; the per-connection figures are the local server's own, chosen so that one hostile
 * client cannot grow memory or starve honest ones. Every one is configurable (`startLiveServer({ im })`).
 */
export interface ConnectionLimits {
  /**
   * Bytes a socket may have queued and unread. Broadcasts skip a member above it; a reply that
   * would go beyond it closes the connection (code 1008). Default 4 MB.
   */
  maxQueuedBytes: number;
  /** Open IM connections, logged in or not. Default 5,000. */
  maxConnections: number;
  /** Connections that have not logged in yet. Default 256. */
  maxUnauthenticated: number;
  /** A connection that has not logged in after this long is closed (ms). Default 10 s. */
  loginTimeoutMs: number;
  /** Requests per connection per second (token bucket; over it: code 10006). Default 50. */
  requestsPerSecond: number;
  /** Requests a connection may burst. Default 100. */
  requestBurst: number;
  /**
   * Messages one user may send per second (token bucket; over it the send is refused with
   * Tencent IM's 10023 "message frequency over limit" instead of eating the room's 40 msgs/s).
   * The administrator account is exempt. Default 5.
   */
  userMessagesPerSecond: number;
  /** Messages one user may burst. Default 10. */
  userMessageBurst: number;
  /** userIDs per `getUserProfile` (Tencent's portrait_get takes at most 100). */
  profileBatch: number;
}

export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  maxQueuedBytes: 4 * 1024 * 1024,
  maxConnections: 5000,
  maxUnauthenticated: 256,
  loginTimeoutMs: 10_000,
  requestsPerSecond: 50,
  requestBurst: 100,
  userMessagesPerSecond: 5,
  userMessageBurst: 10,
  profileBatch: MAX_PROFILE_BATCH,
};

/** Tencent IM service codes for the limits above (Tencent's error code list; `TIM_ERROR` in `@livesell/core/protocol`). */
export const LIMIT_CODES = {
  /** 10005: the request carries too many accounts. */
  TOO_MANY_ACCOUNTS: TIM_ERROR.TOO_MANY_ACCOUNTS,
  /** 10006: operation frequency limit. */
  OPERATION_FREQUENCY: TIM_ERROR.OPERATION_FREQUENCY,
  /** 10023: message frequency over limit; lengthen the interval between two sends. */
  MESSAGE_FREQUENCY: TIM_ERROR.MESSAGE_FREQUENCY,
} as const;

/** A token bucket: `rate` per second, holding at most `burst`. */
export class TokenBucket {
  private tokens: number;
  private at: number;
  constructor(
    private readonly rate: number,
    private readonly burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.at = now;
  }

  take(now: number): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.at) * this.rate) / 1000);
    this.at = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** True when a token is available now (without taking it). */
  peek(now: number): boolean {
    return Math.min(this.burst, this.tokens + ((now - this.at) * this.rate) / 1000) >= 1;
  }

  /** True when the bucket is full again (nothing to remember). */
  full(now: number): boolean {
    return this.tokens + ((now - this.at) * this.rate) / 1000 >= this.burst;
  }
}

const fieldKey = /^[A-Za-z0-9_]+$/;

export function bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

function invalid(message: string): ImError {
  return new ImError(TIM_ERROR.INVALID_PARAMETERS, message);
}

export function checkString(value: unknown, name: string, maxBytes: number, allowEmpty = true): string {
  if (typeof value !== 'string') throw invalid(`${name} must be a string`);
  if (!allowEmpty && value === '') throw invalid(`${name} must not be empty`);
  if (bytes(value) > maxBytes) throw invalid(`${name} exceeds ${maxBytes} bytes`);
  return value;
}

/** userIDs: printable ASCII, 1–32 bytes (Tencent IM's rule). */
export function checkUserID(value: unknown, name = 'userID'): string {
  const id = checkString(value, name, MAX_USER_ID_BYTES, false);
  if (!/^[\x20-\x7e]+$/.test(id)) throw invalid(`${name} must be printable ASCII`);
  return id;
}

export function checkGroupID(value: unknown): string {
  const id = checkString(value, 'groupID', MAX_GROUP_ID_BYTES, false);
  if (!/^[\x21-\x7e]+$/.test(id)) throw invalid('groupID must be printable ASCII without spaces');
  return id;
}

/**
 * Validates changed group custom fields against the room's current ones: at most 10 keys in all,
 * keys of 1–16 bytes `[A-Za-z0-9_]`, values ≤ 512 bytes.
 */
export function checkCustomFields(changes: Map<string, string>, current: ReadonlyMap<string, string>): void {
  const keys = new Set(current.keys());
  for (const [key, value] of changes) {
    if (!fieldKey.test(key) || bytes(key) > MAX_FIELD_KEY_BYTES) {
      throw invalid(`group custom field key "${key}" must be 1-${MAX_FIELD_KEY_BYTES} bytes of [A-Za-z0-9_]`);
    }
    if (typeof value !== 'string') throw invalid(`group custom field "${key}" must be a string`);
    if (bytes(value) > MAX_FIELD_VALUE_BYTES) {
      throw invalid(`group custom field "${key}" exceeds ${MAX_FIELD_VALUE_BYTES} bytes`);
    }
    keys.add(key);
  }
  if (keys.size > MAX_GROUP_FIELDS) {
    throw invalid(`a group has at most ${MAX_GROUP_FIELDS} custom field keys`);
  }
}

/** Group attributes: 16 keys, key ≤ 32 bytes, value ≤ 4 KB, ≤ 16 KB in all. */
export function checkAttributes(changes: Map<string, string>, current: ReadonlyMap<string, string>): void {
  const next = new Map(current);
  for (const [key, value] of changes) {
    if (typeof key !== 'string' || key === '' || bytes(key) > MAX_ATTRIBUTE_KEY_BYTES) {
      throw invalid(`group attribute key "${key}" must be 1-${MAX_ATTRIBUTE_KEY_BYTES} bytes`);
    }
    if (typeof value !== 'string') throw invalid(`group attribute "${key}" must be a string`);
    if (bytes(value) > MAX_ATTRIBUTE_VALUE_BYTES) {
      throw invalid(`group attribute "${key}" exceeds ${MAX_ATTRIBUTE_VALUE_BYTES} bytes`);
    }
    next.set(key, value);
  }
  if (next.size > MAX_ATTRIBUTE_KEYS) throw invalid(`a group has at most ${MAX_ATTRIBUTE_KEYS} attributes`);
  let total = 0;
  for (const [key, value] of next) total += bytes(key) + bytes(value);
  if (total > MAX_ATTRIBUTE_TOTAL_BYTES) {
    throw invalid(`group attributes exceed ${MAX_ATTRIBUTE_TOTAL_BYTES} bytes in all`);
  }
}

/** Turns `[{key, value}]` (SDK shape) or a record (admin shape) into a map, refusing duplicates and non-strings. */
export function fieldMap(input: unknown, name: string): Map<string, string> {
  const map = new Map<string, string>();
  const put = (key: unknown, value: unknown) => {
    if (typeof key !== 'string' || typeof value !== 'string') throw invalid(`${name} keys and values must be strings`);
    if (map.has(key)) throw invalid(`${name} repeats key "${key}"`);
    map.set(key, value);
  };
  if (Array.isArray(input)) {
    for (const item of input) {
      if (!item || typeof item !== 'object') throw invalid(`${name} must be a list of {key, value}`);
      const { key, value } = item as { key?: unknown; value?: unknown };
      put(key, value);
    }
  } else if (input && typeof input === 'object') {
    for (const [key, value] of Object.entries(input)) put(key, value);
  } else {
    throw invalid(`${name} must be an object`);
  }
  return map;
}
