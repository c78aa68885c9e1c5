import { badRequest } from './merchant-error';

/** Everything in a request body is untrusted: each field is checked by type, range and shape. */
export type Body = Record<string, unknown>;

export const ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9_.:-]{1,64}$/;
/** 100 million yuan in cents: far above any real price, far below float trouble. */
export const MAX_MONEY = 10_000_000_000;
export const MAX_STOCK = 10_000_000;
const MAX_IMAGE_URL = 1024;
const MAX_DATA_URI = 8192;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
const CONTROL = /[\u0000-\u001f\u007f]/;

export function allowOnly(body: Body, keys: readonly string[]): void {
  const unknown = Object.keys(body).filter((k) => !keys.includes(k));
  if (unknown.length) {
    throw badRequest(`Unknown field${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`, {
      fields: unknown,
      allowed: keys,
    });
  }
}

export function int(body: Body, key: string, min: number, max: number): number;
export function int(body: Body, key: string, min: number, max: number, optional: true): number | undefined;
export function int(body: Body, key: string, min: number, max: number, optional = false): number | undefined {
  const value = body[key];
  if (value === undefined && optional) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw badRequest(`"${key}" must be an integer from ${min} to ${max}`, { field: key });
  }
  return value;
}

export function text(body: Body, key: string, maxChars: number): string;
export function text(body: Body, key: string, maxChars: number, optional: true): string | undefined;
export function text(body: Body, key: string, maxChars: number, optional = false): string | undefined {
  const value = body[key];
  if (value === undefined && optional) return undefined;
  if (typeof value !== 'string') throw badRequest(`"${key}" must be a string`, { field: key });
  const trimmed = value.trim();
  if (!trimmed || Array.from(trimmed).length > maxChars || CONTROL.test(trimmed)) {
    throw badRequest(`"${key}" must be 1 to ${maxChars} characters without control characters`, { field: key });
  }
  return trimmed;
}

export function id(value: unknown, what: string): string {
  if (typeof value !== 'string' || !ID_PATTERN.test(value)) {
    throw badRequest(`${what} must be 1 to 32 characters of A-Z, a-z, 0-9, "_" or "-"`, { field: what });
  }
  return value;
}

/** IM group ids: up to 48 printable ASCII characters (auto ids look like `@TGS#2C5SZEAEF`). */
export function roomID(value: string): string {
  if (!/^[\x21-\x7e]{1,48}$/.test(value)) {
    throw badRequest('roomID must be 1 to 48 printable ASCII characters', { field: 'roomID' });
  }
  return value;
}

export function requestID(body: Body, header: string | undefined): string | undefined {
  const value = body.requestID ?? header;
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !REQUEST_ID_PATTERN.test(value)) {
    throw badRequest('"requestID" must be 1 to 64 characters of A-Z, a-z, 0-9, "_", ".", ":" or "-"', {
      field: 'requestID',
    });
  }
  if (body.requestID !== undefined && header !== undefined && body.requestID !== header) {
    throw badRequest('"requestID" and the Idempotency-Key header differ', { field: 'requestID' });
  }
  return value;
}

/** An http(s) URL, a same-server path (`/…`), or a small data: image URI. */
export function image(body: Body, key: string): string | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  if (value === '') return '';
  if (typeof value === 'string') {
    if (value.length <= MAX_IMAGE_URL && /^(https?:\/\/[^\s]+|\/[^\s/][^\s]*)$/.test(value)) return value;
    if (value.length <= MAX_DATA_URI && /^data:image\/(png|jpeg|gif|webp|svg\+xml)[;,][^\s]*$/.test(value)) {
      return value;
    }
  }
  throw badRequest(
    `"${key}" must be an http(s) URL (≤ ${MAX_IMAGE_URL} chars), a path starting with "/", or a data:image URI (≤ ${MAX_DATA_URI} chars)`,
    { field: key },
  );
}

export function oneOf<T extends string>(body: Body, key: string, values: readonly T[]): T | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !values.includes(value as T)) {
    throw badRequest(`"${key}" must be one of ${values.map((v) => `"${v}"`).join(', ')}`, { field: key });
  }
  return value as T;
}

/** A display name for announcements; untrusted, so only trimmed and capped, never required. */
export function nick(body: Body): string | undefined {
  const value = body.nick;
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw badRequest('"nick" must be a string', { field: 'nick' });
  const cleaned = Array.from(value.replace(new RegExp(CONTROL.source, 'g'), '').trim())
    .slice(0, 32)
    .join('');
  return cleaned || undefined;
}
