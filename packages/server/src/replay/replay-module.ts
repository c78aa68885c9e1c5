import { createReadStream, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { roomPhase, TIM_TYPES, type TimMessage } from '@livesell/core';
import {
  COUPON_ISSUE_EVENT,
  decodeCouponClaim,
  decodeCouponIssue,
  decodeExplaining,
  decodePurchase,
  LIVE_SELL_FIELD,
  type ReplayInfo,
  type ReplaySegment,
} from '@livesell/core/protocol';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HttpError, methodNotAllowed } from '../http';
import type { ImEventMap } from '../im/events';
import { readSalesRules } from '../merchant/merchant-store';
import type { LiveServerContext, LiveServerModule, LiveServerModuleFactory, RoomInfo } from '../module';
import { REPLAY_URL_TTL_SECONDS, RecordingStore, ReplaySigner, SEGMENT_ID } from './recordings';
import {
  decodeCursor,
  encodeCursor,
  type NewTimelineEvent,
  TIMELINE_TYPES,
  type TimelineEvent,
  type TimelineLimits,
  TimelineStore,
  type TimelineType,
} from './timeline';

export interface ReplayModuleOptions {
  /** URL prefix of the timeline, replay and chapters routes (the merchant API's). Default `/v4/merchant`. */
  prefix?: string;
  /** Storage bounds of the timeline. */
  limits?: Partial<TimelineLimits>;
  /** Lifetime of the signed segment URLs handed out (s). Default 7 days. */
  urlTtlSeconds?: number;
  /** How often buffered timeline events are written (ms). Default 250. */
  flushMs?: number;
  now?: () => number;
}

/** A recorded segment as served (`ReplaySegment` in `@livesell/core/protocol`). */
export type ReplaySegmentView = ReplaySegment;

/** A room's replay as served (`ReplayInfo` in `@livesell/core/protocol`, which the client decodes). */
export type ReplayView = ReplayInfo;

export const TIMELINE_PAGE_DEFAULT = 200;
export const TIMELINE_PAGE_MAX = 500;
/** Join and like events are aggregated per room over this window (ms). */
const AGGREGATE_MS = 1000;
const MAX_JOIN_IDS = 20;
const ROLES_TTL_MS = 10_000;
const CHAT_CHARS = 1000;
const NICK_CHARS = 64;
const AVATAR_CHARS = 512;

/**
 * Replays: the timeline of what happened in each room (fed by the IM events, as a backend is fed
 * by Tencent IM's callbacks), the recorded segments (written by the media module's recorder), the
 * signed MP4 route, and the room's chapters (each product explained).
 */
export function createReplayModule(options: ReplayModuleOptions = {}): LiveServerModuleFactory {
  return async (ctx) => new Replays(ctx, options).module();
}

export const replayModule: LiveServerModuleFactory = createReplayModule();

interface Bucket {
  at: number;
  count: number;
  userIDs: string[];
}

class Replays {
  private readonly prefix: string;
  private readonly now: () => number;
  readonly timeline: TimelineStore;
  private readonly recordings: RecordingStore;
  private readonly signer: ReplaySigner;
  private readonly stops: Array<() => void> = [];
  private readonly flusher: ReturnType<typeof setInterval>;
  private readonly likes = new Map<string, Bucket>();
  private readonly joins = new Map<string, Bucket>();
  private readonly likeTotals = new Map<string, number>();
  private readonly lastStatus = new Map<string, string>();
  /** Owner and admins per room, for the `role` of chat rows. */
  private readonly roles = new Map<string, { ownerID: string; admins: Set<string>; at: number }>();

  constructor(
    private readonly ctx: LiveServerContext,
    private readonly options: ReplayModuleOptions,
  ) {
    this.prefix = (options.prefix ?? '/v4/merchant').replace(/\/+$/, '');
    this.now = options.now ?? Date.now;
    this.timeline = new TimelineStore(ctx.db, options.limits);
    this.recordings = new RecordingStore(ctx.db, ctx.dataDir);
    this.signer = new ReplaySigner(ctx.secretKey);
    const im = ctx.im;
    this.stops.push(
      im.on('message', (e) => this.onMessage(e)),
      im.on('roomCreated', (e) => this.roles.set(e.groupID, { ownerID: e.ownerID, admins: new Set(), at: this.now() })),
      im.on('roomUpdated', (e) => this.onRoomUpdated(e)),
      im.on('memberJoined', (e) => this.onJoin(e)),
      im.on('messageDeleted', (e) => {
        this.flushBuckets(Number.POSITIVE_INFINITY, e.groupID);
        this.timeline.deleteMessage(e.groupID, e.messageID, e.from);
      }),
      im.on('roomDeleted', (e) => this.removeRoom(e.groupID)),
    );
    this.flusher = setInterval(() => {
      try {
        this.flushBuckets(this.now() - AGGREGATE_MS);
        this.timeline.flush();
      } catch (error) {
        ctx.log(`replay: flush failed: ${String(error)}`);
      }
    }, options.flushMs ?? 250);
    this.flusher.unref();
    void this.loadRoles();
  }

  private async loadRoles() {
    for (const room of await this.ctx.admin.listRooms().catch(() => [] as RoomInfo[])) this.remember(room);
  }

  private remember(room: RoomInfo) {
    this.roles.set(room.groupID, { ownerID: room.ownerID, admins: new Set(room.admins), at: this.now() });
  }

  module(): LiveServerModule & { timeline: TimelineStore } {
    return {
      name: 'replay',
      info: { timelineUrl: `${this.ctx.httpUrl}${this.prefix}/rooms/<room>/timeline` },
      routes: (app) => this.routes(app),
      timeline: this.timeline,
      close: async () => {
        clearInterval(this.flusher);
        for (const stop of this.stops.splice(0)) stop();
        this.flushBuckets(Number.POSITIVE_INFINITY);
        this.timeline.flush();
      },
    };
  }

  // --- following the room -------------------------------------------------------------------

  /** Whether the room's events are kept now: everything but a status change stops once it ended. */
  private recording(groupID: string): boolean {
    return this.ctx.roomPhase(groupID) !== 'ended';
  }

  private add(event: NewTimelineEvent) {
    this.timeline.add(event);
  }

  private roleOf(groupID: string, userID: string): 'owner' | 'admin' | undefined {
    const roles = this.roles.get(groupID);
    // Admins change without a room event: the cache is refreshed in the background every 10 s.
    if (!roles || this.now() - roles.at > ROLES_TTL_MS) {
      if (roles) roles.at = this.now();
      void this.ctx.admin
        .getRoom(groupID)
        .then((room) => room && this.remember(room))
        .catch(() => {});
      if (!roles) return undefined;
    }
    if (roles.ownerID === userID) return 'owner';
    return roles.admins.has(userID) ? 'admin' : undefined;
  }

  private isHostOrServer(groupID: string, userID: string): boolean {
    return userID === this.ctx.adminUserID || this.roleOf(groupID, userID) !== undefined;
  }

  private onMessage({ groupID, message, at }: ImEventMap['message']) {
    if (!this.recording(groupID)) return;
    const from = typeof message.from === 'string' ? message.from : '';
    const sender = senderOf(message);
    if (message.type === TIM_TYPES.MSG_TEXT) {
      const text = (message.payload as { text?: unknown } | null)?.text;
      if (typeof text !== 'string' || text === '') return;
      const role = this.roleOf(groupID, from);
      this.add({
        roomID: groupID,
        at,
        type: 'chat',
        messageID: message.ID,
        ...sender,
        data: role ? { text: text.slice(0, CHAT_CHARS), role } : { text: text.slice(0, CHAT_CHARS) },
      });
      return;
    }
    if (message.type !== TIM_TYPES.MSG_CUSTOM) return;
    const payload = (message.payload ?? {}) as { data?: unknown; description?: unknown; extension?: unknown };
    const data = typeof payload.data === 'string' ? payload.data : '';
    const description = typeof payload.description === 'string' ? payload.description : '';
    const extension = typeof payload.extension === 'string' ? payload.extension : '';
    const fromServer = from === this.ctx.adminUserID;
    switch (data) {
      case 'LIKE': {
        const count = likeCount(description);
        if (count !== undefined) this.bucket(this.likes, groupID, at, count);
        return;
      }
      case 'SEND_GIFT': {
        const gift = describeGift(extension);
        this.add({ roomID: groupID, at, type: 'gift', ...sender, data: gift });
        return;
      }
      case 'BUY_GOODS': {
        // Only the server's announcements are verified purchases; a member's BUY_GOODS is a claim.
        const p = fromServer ? decodePurchase(extension) : null;
        if (!p) return;
        const d: Record<string, unknown> = { goodsID: p.goodsID, title: p.title, quantity: p.quantity };
        if (p.merged !== undefined && p.merged > 1) d.merged = p.merged;
        this.add({ roomID: groupID, at, type: 'purchase', userID: p.userID, nick: p.nick, data: d });
        return;
      }
      case 'USE_COUPON': {
        const c = fromServer ? decodeCouponClaim(extension) : null;
        if (!c) return;
        const merged = (safeJson(extension) as { merged?: unknown } | undefined)?.merged;
        const d: Record<string, unknown> = { couponID: c.couponID, remaining: c.remaining };
        if (typeof merged === 'number' && Number.isSafeInteger(merged) && merged > 1) d.count = merged;
        this.add({ roomID: groupID, at, type: 'coupon_claim', userID: c.userID, nick: c.nick, data: d });
        return;
      }
      case COUPON_ISSUE_EVENT: {
        const c = this.isHostOrServer(groupID, from) ? decodeCouponIssue(extension) : null;
        if (!c) return;
        this.add({
          roomID: groupID,
          at,
          type: 'coupon_issue',
          data: {
            couponID: c.couponID,
            title: c.title,
            amount: c.amount,
            threshold: c.threshold,
            stock: c.stock,
            expiresAt: c.expiresAt,
          },
        });
        return;
      }
      case 'ADD_GOODS':
        if (this.isHostOrServer(groupID, from)) this.explain(groupID, at, extension);
        return;
      case 'ROOM_STATUS_CHANGE':
        if (this.isHostOrServer(groupID, from)) this.status(groupID, at, extension);
        return;
      case 'NOTIFACATION':
      case 'NOTIFICATION':
        if (this.isHostOrServer(groupID, from) && extension.length <= 2048) {
          this.add({ roomID: groupID, at, type: 'announcement', data: { text: extension } });
        }
        return;
      default:
    }
  }

  private explain(groupID: string, at: number, value: string) {
    const item = decodeExplaining(value);
    const data: Record<string, unknown> = { goodsID: item ? item.id : null };
    if (item?.t !== undefined) data.title = item.t;
    if (item?.i !== undefined) data.image = item.i;
    if (item?.p !== undefined) data.price = item.p;
    this.add({ roomID: groupID, at, type: 'explain', data });
  }

  private status(groupID: string, at: number, status: string) {
    if (status.length > 512 || this.lastStatus.get(groupID) === status) return;
    this.lastStatus.set(groupID, status);
    this.add({ roomID: groupID, at, type: 'status', data: { status, phase: roomPhase(status) } });
  }

  private onRoomUpdated(e: ImEventMap['roomUpdated']) {
    const fields = e.customFields ?? {};
    const total = fields[LIVE_SELL_FIELD.LIKE_TOTAL];
    if (total !== undefined && /^\d{1,15}$/.test(total)) this.likeTotals.set(e.groupID, Number(total));
    const status = fields[LIVE_SELL_FIELD.ROOM_STATUS];
    if (status !== undefined) {
      // Likes and joins of the last second belong before the show ends.
      if (roomPhase(status) === 'ended') this.flushBuckets(Number.POSITIVE_INFINITY, e.groupID);
      this.status(e.groupID, e.at, status);
    }
    if (!this.recording(e.groupID)) return;
    const goods = fields[LIVE_SELL_FIELD.ADD_GOODS];
    if (goods !== undefined) this.explain(e.groupID, e.at, goods);
    if (e.notification !== undefined) {
      this.add({ roomID: e.groupID, at: e.at, type: 'announcement', data: { text: e.notification.slice(0, 2048) } });
    }
  }

  private onJoin(e: ImEventMap['memberJoined']) {
    if (e.userID === this.ctx.adminUserID || !this.recording(e.groupID)) return;
    this.bucket(this.joins, e.groupID, e.at, 1, e.userID);
  }

  private bucket(map: Map<string, Bucket>, groupID: string, at: number, count: number, userID?: string) {
    let b = map.get(groupID);
    if (b && at - b.at >= AGGREGATE_MS) {
      this.emitBucket(map, groupID, b);
      b = undefined;
    }
    if (!b) {
      b = { at, count: 0, userIDs: [] };
      map.set(groupID, b);
    }
    b.count += count;
    if (userID !== undefined && b.userIDs.length < MAX_JOIN_IDS && !b.userIDs.includes(userID)) b.userIDs.push(userID);
  }

  private emitBucket(map: Map<string, Bucket>, groupID: string, b: Bucket) {
    map.delete(groupID);
    if (map === this.likes) {
      const total = this.likeTotals.get(groupID);
      this.add({
        roomID: groupID,
        at: b.at,
        type: 'like',
        data: total === undefined ? { count: b.count } : { count: b.count, total },
      });
    } else {
      this.add({ roomID: groupID, at: b.at, type: 'join', data: { count: b.count, userIDs: b.userIDs } });
    }
  }

  /** Writes aggregated buckets that started before `before` (all of one room's when `groupID` is given). */
  private flushBuckets(before: number, groupID?: string) {
    for (const map of [this.likes, this.joins]) {
      for (const [id, b] of [...map]) {
        if ((groupID === undefined || id === groupID) && b.at <= before) this.emitBucket(map, id, b);
      }
    }
  }

  private removeRoom(groupID: string) {
    this.likes.delete(groupID);
    this.joins.delete(groupID);
    this.lastStatus.delete(groupID);
    this.likeTotals.delete(groupID);
    this.roles.delete(groupID);
    this.timeline.removeRoom(groupID);
    this.recordings.removeRoom(groupID);
  }

  // --- HTTP -----------------------------------------------------------------------------------

  private async routes(app: FastifyInstance): Promise<void> {
    const room = (request: FastifyRequest) => (request.params as { room: string }).room;
    const base = `${this.prefix}/rooms/:room`;
    app.get(`${base}/timeline`, async (request, reply) => {
      const info = await this.requireRoom(room(request));
      noStore(reply);
      return this.timelinePage(info.groupID, request.query as Record<string, unknown>);
    });
    app.get(`${base}/replay`, async (request, reply) => {
      const info = await this.requireRoom(room(request));
      noStore(reply);
      return this.replay(info);
    });
    app.get(`${base}/chapters`, async (request, reply) => {
      const info = await this.requireRoom(room(request));
      noStore(reply);
      return { chapters: this.timeline.chapters(info.groupID) };
    });
    for (const path of ['timeline', 'replay', 'chapters']) methodNotAllowed(app, `${base}/${path}`, ['GET']);
    app.get('/replay/:room/:file', (request, reply) =>
      this.serveSegment(request, reply, room(request), (request.params as { file: string }).file),
    );
    methodNotAllowed(app, '/replay/:room/:file', ['GET']);
  }

  private async requireRoom(roomID: string): Promise<RoomInfo> {
    if (roomID.length === 0 || roomID.length > 128) throw new HttpError(400, 'INVALID_ARGUMENT', 'invalid room ID');
    const info = await this.ctx.admin.getRoom(roomID);
    if (!info) throw new HttpError(404, 'ROOM_NOT_FOUND', `No live room "${roomID}"`);
    return info;
  }

  private timelinePage(
    roomID: string,
    query: Record<string, unknown>,
  ): { events: TimelineEvent[]; next: string | null } {
    const from = intParam(query.from, 'from', 0);
    const to = intParam(query.to, 'to', Number.MAX_SAFE_INTEGER);
    const limit = intParam(query.limit, 'limit', TIMELINE_PAGE_DEFAULT);
    if (limit < 1 || limit > TIMELINE_PAGE_MAX) {
      throw new HttpError(400, 'INVALID_ARGUMENT', `"limit" must be an integer from 1 to ${TIMELINE_PAGE_MAX}`);
    }
    if (to < from) throw new HttpError(400, 'INVALID_ARGUMENT', '"to" must not be before "from"');
    let after: { at: number; seq: number } | undefined;
    if (query.cursor !== undefined) {
      after = typeof query.cursor === 'string' ? decodeCursor(query.cursor) : undefined;
      if (!after) throw new HttpError(400, 'INVALID_ARGUMENT', '"cursor" is not a cursor this server returned');
    }
    let types: TimelineType[] | undefined;
    if (query.types !== undefined) {
      if (typeof query.types !== 'string' || query.types.length > 200) {
        throw new HttpError(400, 'INVALID_ARGUMENT', '"types" must be a comma-separated list');
      }
      types = [];
      for (const t of query.types.split(',')) {
        if (!(TIMELINE_TYPES as readonly string[]).includes(t)) {
          throw new HttpError(
            400,
            'INVALID_ARGUMENT',
            `unknown event type "${t}"; known: ${TIMELINE_TYPES.join(', ')}`,
          );
        }
        if (!types.includes(t as TimelineType)) types.push(t as TimelineType);
      }
    }
    this.flushBuckets(this.now() - AGGREGATE_MS, roomID);
    const { events, seqs } = this.timeline.query(roomID, { from, to, limit: limit + 1, after, types });
    if (events.length <= limit) return { events, next: null };
    events.length = limit;
    return { events, next: encodeCursor({ at: events[limit - 1]!.at, seq: seqs[limit - 1]! }) };
  }

  private replay(info: RoomInfo): ReplayView {
    const expiresAt = Math.floor(this.now() / 1000) + (this.options.urlTtlSeconds ?? REPLAY_URL_TTL_SECONDS);
    const segments = this.recordings.list(info.groupID).map((s) => ({
      id: s.id,
      url: `${this.ctx.httpUrl}${this.signer.path(info.groupID, s.id, expiresAt)}`,
      startedAt: s.startedAt,
      endedAt: s.endedAt ?? s.startedAt + s.durationMs,
      durationMs: s.durationMs,
    }));
    const transitions = this.ctx.roomTransitions(info.groupID);
    const phase = roomPhase(info.customFields[LIVE_SELL_FIELD.ROOM_STATUS]);
    const firstLive = transitions.find((t) => t.phase === 'live');
    const lastEnd = [...transitions].reverse().find((t) => t.phase === 'ended');
    return {
      roomID: info.groupID,
      name: info.name,
      ownerID: info.ownerID,
      phase,
      startedAt: firstLive?.at ?? segments[0]?.startedAt ?? null,
      endedAt: phase === 'ended' ? (lastEnd?.at ?? segments[segments.length - 1]?.endedAt ?? null) : null,
      segments,
      chapters: this.timeline.chapters(info.groupID),
      sellOnReplay: readSalesRules(this.ctx.db, info.groupID).sellOnReplay,
    };
  }

  /** `GET /replay/<room>/<segment>.mp4?t&sign`: the signed file, with HTTP Range. */
  private async serveSegment(request: FastifyRequest, reply: FastifyReply, roomID: string, file: string) {
    const match = /^([a-z0-9]+)\.mp4$/.exec(file);
    if (!match || !SEGMENT_ID.test(match[1]!)) throw new HttpError(404, 'NOT_FOUND', 'no such recording');
    const id = match[1]!;
    const q = request.query as Record<string, unknown>;
    const check = this.signer.verify(
      roomID,
      id,
      typeof q.t === 'string' ? q.t : undefined,
      typeof q.sign === 'string' ? q.sign : undefined,
      Math.floor(this.now() / 1000),
    );
    if (check !== 'ok') throw new HttpError(403, 'FORBIDDEN', `replay URL refused: signature ${check}`);
    const segment = this.recordings.get(roomID, id);
    if (segment?.state !== 'ready') throw new HttpError(404, 'NOT_FOUND', 'no such recording');
    const path = join(this.ctx.dataDir, segment.path);
    if (!existsSync(path)) throw new HttpError(404, 'NOT_FOUND', 'the recording file is gone');
    const size = statSync(path).size;
    reply
      .header('content-type', 'video/mp4')
      .header('accept-ranges', 'bytes')
      .header('cache-control', 'private, max-age=3600')
      .header('access-control-expose-headers', 'content-length, content-range, accept-ranges');
    const range = parseRange(request.headers.range, size);
    if (range === 'unsatisfiable') {
      reply.code(416).header('content-range', `bytes */${size}`);
      throw new HttpError(416, 'RANGE_NOT_SATISFIABLE', `the file has ${size} bytes`);
    }
    const [start, end] = range ?? [0, size - 1];
    reply.code(range ? 206 : 200).header('content-length', String(end - start + 1));
    if (range) reply.header('content-range', `bytes ${start}-${end}/${size}`);
    if (request.method === 'HEAD' || size === 0) return reply.send();
    return reply.send(createReadStream(path, { start, end }));
  }
}

function noStore(reply: FastifyReply) {
  reply.header('cache-control', 'no-store');
}

function intParam(value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !/^\d{1,16}$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw new HttpError(400, 'INVALID_ARGUMENT', `"${name}" must be a non-negative integer`);
  }
  return Number(value);
}

/** One `bytes=` range (the only kind players send); undefined for none or a multi-range request. */
export function parseRange(header: string | undefined, size: number): [number, number] | 'unsatisfiable' | undefined {
  if (header === undefined) return undefined;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  let start: number;
  let end: number;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) return 'unsatisfiable';
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (!Number.isSafeInteger(start) || start >= size || end < start) return 'unsatisfiable';
  return [start, end];
}

function senderOf(message: TimMessage): { userID?: string; nick?: string; avatar?: string } {
  const out: { userID?: string; nick?: string; avatar?: string } = {};
  if (typeof message.from === 'string' && message.from !== '') out.userID = message.from.slice(0, 128);
  if (typeof message.nick === 'string' && message.nick !== '') out.nick = message.nick.slice(0, NICK_CHARS);
  if (
    typeof message.avatar === 'string' &&
    message.avatar.length <= AVATAR_CHARS &&
    /^(https?:\/\/|\/\/)/i.test(message.avatar)
  ) {
    out.avatar = message.avatar;
  }
  return out;
}

function safeJson(text: string): unknown {
  if (!text.startsWith('{') || text.length > 4096) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A LIKE's tap count: `description` '' is 1, else a count up to 200 (the kit's aggregated likes). */
function likeCount(description: string): number | undefined {
  if (description === '') return 1;
  if (!/^[1-9]\d{0,5}$/.test(description)) return undefined;
  const n = Number(description);
  return n <= 200 ? n : undefined;
}

const clip = (v: unknown, max: number) => (typeof v === 'string' ? v.slice(0, max) : '');

/** `{ giftID, name, count }` from a SEND_GIFT extension (untrusted), as the room store reads it. */
function describeGift(extension: string): { giftID: string; name: string; count: number } {
  const gift = safeJson(extension) as Record<string, unknown> | undefined;
  const giftID =
    clip(gift?.id, 64) ||
    (typeof gift?.id === 'number' ? String(gift.id) : '') ||
    clip(gift?.giftID, 64) ||
    clip(gift?.name, 64) ||
    extension.slice(0, 64) ||
    'gift';
  const name = clip(gift?.name, 32) || clip(gift?.title, 32) || giftID;
  const count =
    Number.isSafeInteger(gift?.count) && (gift?.count as number) > 0 ? Math.min(gift?.count as number, 9999) : 1;
  return { giftID, name, count };
}
