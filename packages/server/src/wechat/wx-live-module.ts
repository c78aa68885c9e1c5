import {
  type Clock,
  initialLiveStatusState,
  type LiveStatusState,
  reduceLiveStatus,
  systemClock,
} from '@livesell/core';
import { GROUP_FIELD } from '@livesell/core/protocol';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ALL_METHODS, HttpError } from '../http';
import type { LiveServerContext, LiveServerModule, LiveServerModuleFactory, RoomInfo } from '../module';
import { REPLAY_URL_TTL_SECONDS, RecordingStore, ReplaySigner } from '../replay/recordings';
import { WX_ERRCODE, type WxLiveRoomInfo, type WxReplayResponse, type WxRoomListResponse } from './types';

export interface WechatModuleOptions {
  /** Drives the live-status time rules (abnormal → ended after 15 minutes). Default: system time. */
  clock?: Clock;
  /** Lifetime of the replay `media_url`s (s): their `expire_time`. Default 7 days. */
  replayUrlTtlSeconds?: number;
}

const PATH = '/wxa/business/getliveinfo';
const ROOM_STATUS_FIELD = GROUP_FIELD.ROOM_STATUS;

/**
 * Serves WeChat's `POST /wxa/business/getliveinfo` (room list, and `action: "get_replay"`) from
 * this server's own rooms, in WeChat's shapes, so a room list built on `createWxLiveClient` works
 * offline by pointing `baseUrl` at the local server. Any non-empty `access_token` is accepted.
 * `live_status` comes from each room's `room_status` group custom field through the kit's
 * live-status rules; rooms get stable numeric `roomid`s (kept in SQLite) and carry their IM
 * group as `group_id`, a kit extension WeChat does not send.
 */
export function createWechatModule(options: WechatModuleOptions = {}): LiveServerModuleFactory {
  return async (ctx) =>
    new WxLiveEmulation(
      ctx,
      options.clock ?? systemClock,
      options.replayUrlTtlSeconds ?? REPLAY_URL_TTL_SECONDS,
    ).module();
}

export const wechatModule: LiveServerModuleFactory = createWechatModule();

class WxLiveEmulation {
  /** Live status per group, so "offline" turns into "ended" after 15 minutes as on WeChat. */
  private readonly statuses = new Map<string, LiveStatusState>();
  /** `roomid` per group, loaded once: a room-list call costs its page, not one query per room. */
  private readonly roomIds = new Map<string, number>();
  private readonly recordings: RecordingStore;
  private readonly signer: ReplaySigner;

  constructor(
    private readonly ctx: LiveServerContext,
    private readonly clock: Clock,
    private readonly replayUrlTtlSeconds: number,
  ) {
    this.recordings = new RecordingStore(ctx.db, ctx.dataDir);
    this.signer = new ReplaySigner(ctx.secretKey);
    ctx.db.exec(
      'CREATE TABLE IF NOT EXISTS wx_live_rooms (roomid INTEGER PRIMARY KEY AUTOINCREMENT, group_id TEXT NOT NULL UNIQUE)',
    );
    for (const row of ctx.db.prepare('SELECT roomid, group_id FROM wx_live_rooms').all() as Array<{
      roomid: number | bigint;
      group_id: string;
    }>) {
      this.roomIds.set(row.group_id, Number(row.roomid));
    }
  }

  module(): LiveServerModule {
    return {
      name: 'wechat',
      info: { getliveinfoUrl: `${this.ctx.httpUrl}${PATH}` },
      routes: (app) => this.routes(app),
    };
  }

  private async routes(app: FastifyInstance): Promise<void> {
    await app.register(async (scope) => {
      // WeChat answers every failure with HTTP 200 and an errcode.
      scope.setErrorHandler((error, _request, reply) => {
        const message = error instanceof HttpError ? error.message : 'invalid request';
        return reply.code(200).send(invalid(message));
      });
      scope.route({
        method: [...ALL_METHODS],
        url: PATH,
        bodyLimit: 16 * 1024,
        handler: (request, reply) => this.handle(request, reply),
      });
    });
  }

  private async handle(req: FastifyRequest, _reply: FastifyReply): Promise<object> {
    if (req.method !== 'POST') return { errcode: 43002, errmsg: 'require POST method' };
    const query = req.query as Record<string, string | undefined>;
    if (!query.access_token) {
      return { errcode: WX_ERRCODE.ACCESS_TOKEN_MISSING, errmsg: 'access_token missing' };
    }
    const body = (req.body ?? {}) as Record<string, unknown>;
    const start = body.start;
    const limit = body.limit;
    if (!isInt(start, 0) || !isInt(limit, 1) || limit > 100) {
      return invalid('start must be an integer ≥ 0 and limit 1–100');
    }
    if (body.action === 'get_replay') return this.replay(body.room_id, start, limit);
    if (body.action === undefined) return this.roomList(start, limit);
    return invalid('action must be "get_replay" or absent');
  }

  private async roomList(start: number, limit: number): Promise<WxRoomListResponse> {
    const { rooms, total } = await this.ctx.admin.listRoomPage({ offset: start, limit, newestFirst: true });
    if (total === 0) return { errcode: WX_ERRCODE.NO_ROOMS, errmsg: 'no live room created' };
    const room_info = await Promise.all(
      rooms.map(async (info) => this.toWx(info, await this.ctx.admin.getProfile(info.ownerID))),
    );
    return { errcode: 0, errmsg: 'ok', room_info, total };
  }

  /**
   * The room's recorded segments (one per continuous push, oldest first) with signed MP4 URLs,
   * `start`/`limit` paging and the total, in WeChat's shape.
   */
  private async replay(roomId: unknown, start: number, limit: number): Promise<WxReplayResponse> {
    if (!isInt(roomId, 1)) return invalid('room_id must be a positive integer');
    const known = [...this.roomIds].find(([, id]) => id === roomId);
    if (!known || !(await this.ctx.admin.getRoom(known[0]))) {
      return { errcode: WX_ERRCODE.NO_ROOMS, errmsg: 'room not found' };
    }
    const groupID = known[0];
    const expiresAt = Math.floor(this.clock.now() / 1000) + this.replayUrlTtlSeconds;
    const live_replay = this.recordings.list(groupID, start, limit).map((segment) => ({
      expire_time: wxTime(expiresAt * 1000),
      create_time: wxTime(segment.startedAt),
      media_url: `${this.ctx.httpUrl}${this.signer.path(groupID, segment.id, expiresAt)}`,
    }));
    return { errcode: 0, errmsg: 'ok', live_replay, total: this.recordings.count(groupID) };
  }

  private toWx(info: RoomInfo, owner: { nick: string; avatar: string }): WxLiveRoomInfo {
    return {
      name: info.name,
      roomid: this.roomId(info.groupID),
      cover_img: '',
      live_status: this.status(info),
      start_time: Math.floor(info.createdAt / 1000),
      // 0: local rooms have no planned end, so they never expire (107).
      end_time: 0,
      anchor_name: owner.nick || info.ownerID,
      anchor_img: owner.avatar,
      goods: [],
      group_id: info.groupID,
    };
  }

  private status(info: RoomInfo): number {
    const at = this.clock.now();
    let state = this.statuses.get(info.groupID) ?? initialLiveStatusState();
    const field = info.customFields[ROOM_STATUS_FIELD];
    if (field) state = reduceLiveStatus(state, { type: 'room-status', value: field, at }).state;
    state = reduceLiveStatus(state, { type: 'tick', at }).state;
    this.statuses.set(info.groupID, state);
    return state.status ?? 102;
  }

  private roomId(groupID: string): number {
    const known = this.roomIds.get(groupID);
    if (known !== undefined) return known;
    const { lastInsertRowid } = this.ctx.db.prepare('INSERT INTO wx_live_rooms (group_id) VALUES (?)').run(groupID);
    const id = Number(lastInsertRowid);
    this.roomIds.set(groupID, id);
    return id;
  }
}

/** WeChat's time format: ISO 8601 in UTC without milliseconds (`2020-11-11T03:49:55Z`). */
function wxTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function invalid(message: string): { errcode: number; errmsg: string } {
  return { errcode: WX_ERRCODE.INVALID_ARGUMENT, errmsg: `data format error: ${message}` };
}

function isInt(value: unknown, min: number): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min;
}
