/**
 * The replay contract, one definition for both sides: what the merchant API serves about a room
 * that has been live — its recorded segments, its chapters (the goods explained) and its timeline
 * (what happened, in server time). `@livesell/server` writes and serves these shapes;
 * `@livesell/core/replay` decodes them (`replay/wire.ts`) from the network as untrusted input.
 */

/** The timeline's event types, in the order the server stores them (their index is the stored code). */
export const TIMELINE_EVENT_TYPES = [
  'chat',
  'like',
  'gift',
  'join',
  'explain',
  'coupon_issue',
  'coupon_claim',
  'purchase',
  'status',
  'announcement',
] as const;

export type TimelineEventType = (typeof TIMELINE_EVENT_TYPES)[number];

/** One thing that happened in the room while it was live. `data` is untrusted: check each field. */
export interface TimelineEvent {
  /** Stable: the IM message ID for chat, else `${type}-${seq}`. */
  id: string;
  /** Server milliseconds. */
  at: number;
  type: TimelineEventType;
  userID?: string;
  nick?: string;
  avatar?: string;
  data: Readonly<Record<string, unknown>>;
}

export interface TimelinePage {
  events: TimelineEvent[];
  /** Cursor of the following page; null when done. */
  next: string | null;
}

/** One continuous push, recorded. Video time ↔ server time: `at = startedAt + currentTime * 1000`. */
export interface ReplaySegment {
  id: string;
  /** Absolute, signed MP4 (or HLS) URL; the server signs it. */
  url: string;
  /** Server ms of the first frame. */
  startedAt: number;
  endedAt: number;
  durationMs: number;
}

/** A product the host explained: a place to seek to. */
export interface ReplayChapter {
  at: number;
  goodsID: string;
  title: string;
  image?: string;
  /** Cents. */
  price?: number;
}

export interface ReplayInfo {
  roomID: string;
  name: string;
  ownerID: string;
  phase: string;
  startedAt: number | null;
  endedAt: number | null;
  segments: ReplaySegment[];
  chapters: ReplayChapter[];
  /** The merchant takes orders from this replay (`via: 'replay'`). */
  sellOnReplay: boolean;
}

export interface TimelineQuery {
  from: number;
  to: number;
  /** 1..500, default 200 on the server. */
  limit?: number;
  cursor?: string | null;
  types?: readonly TimelineEventType[];
}
