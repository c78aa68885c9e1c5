import type {
  ReplayChapter,
  ReplayInfo,
  ReplaySegment,
  TimelineEvent,
  TimelineEventType,
  TimelinePage,
} from '../protocol/replay';
import { TIMELINE_EVENT_TYPES } from '../protocol/replay';

/**
 * Decoders for the replay API's answers. Everything here comes from the network: bad items are
 * skipped, strings are cut, numbers checked; a body that is not the expected shape is null.
 */

const TYPES: readonly TimelineEventType[] = TIMELINE_EVENT_TYPES;

const str = (value: unknown, max: number): string => (typeof value === 'string' ? value.slice(0, max) : '');
const isTime = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 && value < 1e14;
const isObject = (value: unknown): value is Record<string, unknown> =>
  !!value && typeof value === 'object' && !Array.isArray(value);

/** Only http(s) URLs (never `javascript:`); other schemes become ''. */
export function safeMediaUrl(value: unknown): string {
  const url = str(value, 2048);
  return /^https?:\/\//i.test(url) ? url : '';
}

export function decodeTimelineEvent(value: unknown): TimelineEvent | null {
  if (!isObject(value)) return null;
  const type = value.type as TimelineEventType;
  if (TYPES.indexOf(type) < 0 || !isTime(value.at)) return null;
  const id = str(value.id, 128);
  if (!id) return null;
  const event: TimelineEvent = { id, at: value.at, type, data: isObject(value.data) ? value.data : {} };
  const userID = str(value.userID, 64);
  if (userID) event.userID = userID;
  const nick = str(value.nick, 64);
  if (nick) event.nick = nick;
  const avatar = str(value.avatar, 512);
  if (avatar) event.avatar = avatar;
  return event;
}

/** A timeline page; events sorted by time (a server bug must not make the store replay backwards). */
export function decodeTimelinePage(body: unknown, maxEvents = 500): TimelinePage | null {
  if (!isObject(body) || !Array.isArray(body.events)) return null;
  const events: TimelineEvent[] = [];
  for (const raw of body.events.slice(0, maxEvents)) {
    const event = decodeTimelineEvent(raw);
    if (event) events.push(event);
  }
  events.sort((a, b) => a.at - b.at);
  const next = typeof body.next === 'string' && body.next.length <= 512 && body.next ? body.next : null;
  return { events, next };
}

function decodeSegment(value: unknown): ReplaySegment | null {
  if (!isObject(value)) return null;
  const url = safeMediaUrl(value.url);
  const id = str(value.id, 128);
  if (!url || !id || !isTime(value.startedAt)) return null;
  const durationMs =
    typeof value.durationMs === 'number' && Number.isFinite(value.durationMs) && value.durationMs >= 0
      ? value.durationMs
      : isTime(value.endedAt)
        ? Math.max(0, value.endedAt - value.startedAt)
        : 0;
  const endedAt = isTime(value.endedAt) ? value.endedAt : value.startedAt + durationMs;
  return { id, url, startedAt: value.startedAt, endedAt, durationMs };
}

export function decodeChapter(value: unknown): ReplayChapter | null {
  if (!isObject(value) || !isTime(value.at)) return null;
  const goodsID = str(value.goodsID, 64);
  if (!goodsID) return null;
  const chapter: ReplayChapter = { at: value.at, goodsID, title: str(value.title, 100) || goodsID };
  const image = safeMediaUrl(value.image);
  if (image) chapter.image = image;
  if (typeof value.price === 'number' && Number.isSafeInteger(value.price) && value.price >= 0) {
    chapter.price = value.price;
  }
  return chapter;
}

export function decodeChapters(list: unknown, max = 200): ReplayChapter[] {
  const chapters: ReplayChapter[] = [];
  if (!Array.isArray(list)) return chapters;
  for (const raw of list.slice(0, max)) {
    const c = decodeChapter(raw);
    if (c) chapters.push(c);
  }
  return chapters.sort((a, b) => a.at - b.at);
}

export function decodeReplayInfo(body: unknown): ReplayInfo | null {
  if (!isObject(body)) return null;
  const roomID = str(body.roomID, 128);
  if (!roomID) return null;
  const segments: ReplaySegment[] = [];
  if (Array.isArray(body.segments)) {
    for (const raw of body.segments.slice(0, 100)) {
      const s = decodeSegment(raw);
      if (s) segments.push(s);
    }
  }
  segments.sort((a, b) => a.startedAt - b.startedAt);
  return {
    roomID,
    name: str(body.name, 100),
    ownerID: str(body.ownerID, 64),
    phase: str(body.phase, 16),
    startedAt: isTime(body.startedAt) ? body.startedAt : null,
    endedAt: isTime(body.endedAt) ? body.endedAt : null,
    segments,
    chapters: decodeChapters(body.chapters),
    sellOnReplay: body.sellOnReplay === true,
  };
}
