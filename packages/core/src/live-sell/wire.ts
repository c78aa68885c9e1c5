import type { Clock } from '../clock';
import { or } from '../or';
import { MAX_FIELD_VALUE_BYTES } from '../protocol/limits';
import { MAX_SLOW_MODE_SECONDS } from '../protocol/moderation';
import type { TimCustomPayload, TimPriority } from '../tim/types';
import type { JsonObject } from './events';

/**
 * The wire format of the original live-sell component, kept byte-compatible so mixed rooms work:
 * one custom message per interaction, `payload.data` = the wire name, `payload.description` = "",
 * `payload.extension` = the caller's string. Danmaku are plain text messages. Room fields travel
 * as group custom fields and the group notification (op-6 group tips). The names live in the
 * protocol module the server shares.
 */
export { CUSTOM_DATA as WIRE, GROUP_FIELD as FIELD } from '../protocol/vocabulary';

/** Priorities: gifts, follows and host events High, danmaku Normal, likes Low (dropped first under the 40 msgs/s limit). */
export const PRIORITY_EVENT: TimPriority = 'High';
export const PRIORITY_TEXT: TimPriority = 'Normal';
export const PRIORITY_LIKE: TimPriority = 'Low';

// Limits: the documented ones come from the protocol module the server shares.
/** A message is at most 12 KB; a string with more UTF-16 units than bytes allowed cannot fit. */
export { MAX_FIELD_VALUE_BYTES as FIELD_BYTES, MAX_MESSAGE_BYTES as MESSAGE_BYTES } from '../protocol/limits';
/** TIM caps nick and avatar URL at 500 bytes (`MAX_NICK_BYTES`), so at most 500 UTF-16 units. */
export const PROFILE_CHARS = 500;
export const USER_ID_CHARS = 128;
export const EVENT_NAME_CHARS = 64;
/** Most taps one aggregated LIKE may claim (20 taps/s for 10 s); more is a forgery. */
export const LIKE_COUNT = 200;
/** An app has at most 10 group custom fields: a tip listing more is not from the service. */
export { MAX_GROUP_FIELDS as GROUP_FIELDS } from '../protocol/limits';
/** Group tips naming more members than this are cut (AVChatRoom batches join tips). */
export const TIP_USERS = 1000;

/** Wire name → event name, for names that differ or have aliases; other names pass through. A Map: names are untrusted. */
const WIRE_TO_EVENT: ReadonlyMap<string, string> = new Map([
  ['ATTENTION', 'ATTENT'],
  ['CANCELATTENTION', 'CANCEL_ATTENT'],
  ['NOTIFICATION', 'NOTIFACATION'],
]);

/** Local-only events: a custom message claiming one of these names is dropped. */
export const RESERVED_EVENTS: ReadonlySet<string> = new Set([
  'SDK_READY',
  'SDK_NOT_READY',
  'JOIN_GROUP',
  'EXIT_GROUP',
  'MESSAGE',
  'KICKED',
  'NETWORK_CHANGE',
  'PROFILE_UPDATE',
  'ERROR',
  'LIKE_TOTAL',
  'RESYNC',
]);

/** Events only the owner, an admin or the server may send (besides group tips). */
export const HOST_ONLY_EVENTS: readonly string[] = ['ADD_GOODS', 'ROOM_STATUS_CHANGE', 'NOTIFACATION', 'ISSUE_COUPON'];

/** A `slow_mode` field value: 0–300 whole seconds; anything else is `undefined`. */
export function parseSlowMode(value: unknown): number | undefined {
  const n = typeof value === 'string' && /^\d{1,3}$/.test(value) ? Number(value) : -1;
  return n >= 0 && n <= MAX_SLOW_MODE_SECONDS ? n : undefined;
}

export function eventForWireName(data: string): string {
  return or(WIRE_TO_EVENT.get(data), data);
}

const EVENT_NAME = /^[A-Za-z0-9_.:-]+$/;

export function isValidEventName(name: unknown): name is string {
  return typeof name === 'string' && name.length > 0 && name.length <= EVENT_NAME_CHARS && EVENT_NAME.test(name);
}

export function customPayload(data: string, extension: string, description = ''): TimCustomPayload {
  return { data, description, extension };
}

/**
 * Aggregated likes keep `data: 'LIKE'` and the user's extension untouched; the tap count goes in
 * `description`, which the original component ignores ("" there, so 1 tap).
 */
export function likeDescription(count: number): string {
  return count > 1 ? String(count) : '';
}

const COUNT = /^[1-9][0-9]{0,5}$/;

/** The tap count a LIKE carries, or `undefined` when the description is not a plausible count. */
export function likeCount(description: string): number | undefined {
  if (description === '') return 1;
  if (!COUNT.test(description)) return undefined;
  const n = Number(description);
  return n <= LIKE_COUNT ? n : undefined;
}

/** A message's `time` (seconds, untrusted) in milliseconds; now when it has none. */
export const messageTime = (seconds: unknown, clock: Clock): number =>
  typeof seconds === 'number' && seconds > 0 && Number.isFinite(seconds) ? seconds * 1000 : clock.now();

export const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object';

/** A non-negative safe integer (counts, stock, prices in cents). */
export const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

/** An untrusted string cut to `max` UTF-16 units; anything else is ''. */
export const clip = (value: unknown, max: number): string => (typeof value === 'string' ? value.slice(0, max) : '');

/** An untrusted quantity: a positive safe integer capped at `max`; anything else is 1. */
export const quantity = (value: unknown, max: number): number =>
  Number.isSafeInteger(value) && (value as number) > 0 ? Math.min(value as number, max) : 1;

/** Cheap length test first: a string with more UTF-16 units than `maxBytes` cannot fit. */
export function tooLarge(text: string, maxBytes: number): boolean {
  return text.length > maxBytes || utf8Bytes(text) > maxBytes;
}

/** UTF-8 length of a string (what the 512-byte field limit counts). */
export function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** `undefined`: not JSON-looking (a plain string is fine); `null`: looks like JSON but is broken. */
export function parseJsonObject(text: string): JsonObject | undefined | null {
  // JSON's own whitespace only.
  if (!/^[ \t\n\r]*[{[]/.test(text)) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return isObject(value) && !Array.isArray(value) ? value : undefined;
  } catch {
    return null;
  }
}

const SAFE_AVATAR = /^(https?:\/\/|\/\/|cloud:\/\/|wxfile:\/\/|data:image\/)/i;

/** Avatars end up in `<img src>`: keep URLs of schemes that can only be images. */
export function safeAvatar(value: unknown): string {
  if (typeof value !== 'string' || value === '' || value.length > PROFILE_CHARS) return '';
  // Every message carries one: the common `https://` is checked without the regular expression.
  if (value.startsWith('https://') || SAFE_AVATAR.test(value)) return value;
  return '';
}

/** A group's custom fields by key; values over the field size are left out (the SDK's data is untrusted). */
export function fieldMap(group: { groupCustomField?: unknown }): Record<string, string> {
  const out: Record<string, string> = {};
  if (!Array.isArray(group.groupCustomField)) return out;
  for (const f of group.groupCustomField) {
    if (
      isObject(f) &&
      typeof f.key === 'string' &&
      typeof f.value === 'string' &&
      !tooLarge(f.value, MAX_FIELD_VALUE_BYTES)
    ) {
      out[f.key] = f.value;
    }
  }
  return out;
}
