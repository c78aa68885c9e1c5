/**
 * A room's moderation rules, one definition for both sides: the shape `GET/PUT
 * /v4/rooms/:id/moderation` carries and the bounds the server enforces (and a host UI can check
 * before it sends). `@livesell/core/moderation` extends it with the muted/blocked lists and admins.
 */

/** How a filtered message is handled: refused with 80001, or shown to its sender only. */
export const FILTER_MODES = ['refuse', 'sender-only'] as const;
export type FilterMode = (typeof FILTER_MODES)[number];

/** The editable moderation rules of a room, enforced by the server before broadcast. */
export interface ModerationRules {
  /** Words (case-insensitive substrings) a chat message must not contain. */
  words: string[];
  /** Refuse text that contains a link (a URL or a bare domain). */
  noLinks: boolean;
  filterMode: FilterMode;
  /** Least time between two messages of one viewer (0 = off; owner and admins are exempt). */
  slowModeSeconds: number;
}

/** Filtered words a room may hold. */
export const MAX_FILTER_WORDS = 500;
/** Characters of one filtered word. */
export const MAX_FILTER_WORD_CHARS = 50;
/** Longest slow mode (seconds). */
export const MAX_SLOW_MODE_SECONDS = 300;
/** "The rest of the show": a mute or block long enough for any live show (7 days, in seconds). */
export const REST_OF_SHOW_SECONDS = 7 * 24 * 3600;
/** A mute or block ending this close to `REST_OF_SHOW_SECONDS` from now reads "for the show" (ms). */
export function isForTheShow(leftMs: number): boolean {
  return leftMs >= (REST_OF_SHOW_SECONDS - 3600) * 1000;
}
