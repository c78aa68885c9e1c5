import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type Clock,
  initialLiveStatusState,
  type LiveStatusState,
  reduceLiveStatus,
  systemClock,
} from '@livesell/core';
import { HttpError, readJson, sendJson } from '../http';
import type { LiveServerContext, LiveServerModule, LiveServerModuleFactory, RoomInfo } from '../module';
import { WX_ERRCODE, type WxLiveRoomInfo, type WxReplayResponse, type WxRoomListResponse } from './types';

export interface WechatModuleOptions {
  /** Drives the live-status time rules (abnormal → ended after 15 minutes). Default: system time. */
  clock?: Clock;
}

const PATH = '/wxa/business/getliveinfo';
const ROOM_STATUS_FIELD = 'room_status';

/**
 * Serves WeChat's `POST /wxa/business/getliveinfo` (room list, and `action: "get_replay"`) from
 * this server's own rooms, in WeChat's shapes, so a room list built on `createWxLiveClient` works
 * offline by pointing `baseUrl` at the local server. Any non-empty `access_token` is accepted.
 * `live_status` comes from each room's `room_status` group custom field through the kit's
 * live-status rules; rooms get stable numeric `roomid`s (kept in SQLite) and carry their IM
 * group as `group_id`, a kit extension WeChat does not send.
 */
export function createWechatModule(options: WechatModuleOptions = {}): LiveServerModuleFactory {
  return async (ctx) => new WxLiveEmulation(ctx, options.clock ?? systemClock).module();
}

export const wechatModule: LiveServerModuleFactory = createWechatModule();

class WxLiveEmulation {
  /** Live status per group, so "offline" turns into "ended" after 15 minutes as on WeChat. */
  private readonly statuses = new Map<string, LiveStatusState>();

  constructor(
    private readonly ctx: LiveServerContext,
    private readonly clock: Clock,
  ) {
    ctx.db.exec(
      'CREATE TABLE IF NOT EXISTS wx_live_rooms (roomid INTEGER PRIMARY KEY AUTOINCREMENT, group_id TEXT NOT NULL UNIQUE)',
    );
  }

  module(): LiveServerModule {
    return {
      name: 'wechat',
      info: { getliveinfoUrl: `${this.ctx.httpUrl}${PATH}` },
      handle: (req, res, url) => this.handle(req, res, url),
    };
  }

  private async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    if (url.pathname !== PATH) return false;
    if (req.method !== 'POST') {
      sendJson(res, 200, { errcode: 43002, errmsg: 'require POST method' });
      return true;
    }
    if (!url.searchParams.get('access_token')) {
      sendJson(res, 200, { errcode: WX_ERRCODE.ACCESS_TOKEN_MISSING, errmsg: 'access_token missing' });
      return true;
    }
    let body: Record<string, unknown>;
    try {
      body = await readJson(req);
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      sendJson(res, 200, invalid(error.message));
      return true;
    }
    const start = body.start;
    const limit = body.limit;
    if (!isInt(start, 0) || !isInt(limit, 1) || limit > 100) {
      sendJson(res, 200, invalid('start must be an integer ≥ 0 and limit 1–100'));
      return true;
    }
    if (body.action === 'get_replay') {
      sendJson(res, 200, await this.replay(body.room_id));
    } else if (body.action === undefined) {
      sendJson(res, 200, await this.roomList(start, limit));
    } else {
      sendJson(res, 200, invalid('action must be "get_replay" or absent'));
    }
    return true;
  }

  private async roomList(start: number, limit: number): Promise<WxRoomListResponse> {
    const rooms = await this.rooms();
    if (rooms.length === 0) return { errcode: WX_ERRCODE.NO_ROOMS, errmsg: 'no live room created' };
    return { errcode: 0, errmsg: 'ok', room_info: rooms.slice(start, start + limit), total: rooms.length };
  }

  /** The local server records no replays yet: a known room has an empty replay list. */
  private async replay(roomId: unknown): Promise<WxReplayResponse> {
    if (!isInt(roomId, 1)) return invalid('room_id must be a positive integer');
    const rooms = await this.rooms();
    if (!rooms.some((r) => r.roomid === roomId)) return { errcode: WX_ERRCODE.NO_ROOMS, errmsg: 'room not found' };
    return { errcode: 0, errmsg: 'ok', live_replay: [], total: 0 };
  }

  private async rooms(): Promise<WxLiveRoomInfo[]> {
    const infos = await this.ctx.admin.listRooms();
    // WeChat sorts by planned start time, newest first.
    infos.sort((a, b) => b.createdAt - a.createdAt || a.groupID.localeCompare(b.groupID));
    return Promise.all(infos.map(async (info) => this.toWx(info, await this.ctx.admin.getProfile(info.ownerID))));
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
    this.ctx.db.prepare('INSERT OR IGNORE INTO wx_live_rooms (group_id) VALUES (?)').run(groupID);
    const row = this.ctx.db.prepare('SELECT roomid FROM wx_live_rooms WHERE group_id = ?').get(groupID) as
      | { roomid: number | bigint }
      | undefined;
    return Number(row?.roomid);
  }
}

function invalid(message: string): { errcode: number; errmsg: string } {
  return { errcode: WX_ERRCODE.INVALID_ARGUMENT, errmsg: `data format error: ${message}` };
}

function isInt(value: unknown, min: number): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min;
}
