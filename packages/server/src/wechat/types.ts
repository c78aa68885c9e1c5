/**
 * Request and response shapes of WeChat's `POST /wxa/business/getliveinfo?access_token=…`
 * (live-player-plugin room list and replay), with WeChat's own snake_case field names so they
 * read the same as WeChat's documentation.
 */

/** Room list request: `start` = index of the first room (0 = first), `limit` ≤ 100 as WeChat advises. */
export interface WxRoomListRequest {
  start: number;
  limit: number;
}

/** Replay request: one live show may have produced several video segments. */
export interface WxReplayRequest {
  action: 'get_replay';
  room_id: number;
  start: number;
  limit: number;
}

export interface WxLiveGoods {
  cover_img: string;
  /** Mini program path of the goods page, e.g. `pages/index/index.html`. */
  url: string;
  /** Price in fen (1/100 CNY). */
  price: number;
  name: string;
}

export interface WxLiveRoomInfo {
  name: string;
  roomid: number;
  cover_img: string;
  /** 101 live, 102 not started, 103 ended, 104 banned, 105 paused, 106 abnormal, 107 expired. */
  live_status: number;
  /** Planned start/end, Unix seconds. The list is sorted by `start_time`, newest first. */
  start_time: number;
  end_time: number;
  anchor_name: string;
  anchor_img: string;
  goods: WxLiveGoods[];
  /** Kit extension served by the local server only: the IM group (AVChatRoom) of the room. */
  group_id?: string;
}

export interface WxLiveReplay {
  /** ISO time the `media_url` stops working, e.g. `2020-11-11T03:49:55Z`. */
  expire_time: string;
  create_time: string;
  media_url: string;
}

export interface WxRoomListResponse {
  errcode: number;
  errmsg: string;
  room_info?: WxLiveRoomInfo[];
  total?: number;
}

export interface WxReplayResponse {
  errcode: number;
  errmsg: string;
  live_replay?: WxLiveReplay[];
  total?: number;
}

/** errcodes the client knows; any other non-zero code surfaces as `LiveSellError('REMOTE')`. */
export const WX_ERRCODE = {
  OK: 0,
  /** The mini program has no live rooms yet (documented for getliveinfo). */
  NO_ROOMS: 1,
  SYSTEM_BUSY: -1,
  INVALID_CREDENTIAL: 40001,
  INVALID_ACCESS_TOKEN: 40014,
  ACCESS_TOKEN_MISSING: 41001,
  ACCESS_TOKEN_EXPIRED: 42001,
  /** WeChat's own daily quota for the API is used up. */
  API_QUOTA_EXCEEDED: 45009,
  INVALID_ARGUMENT: 47001,
  NO_API_PERMISSION: 48001,
  /** Later WeChat documentation: "live room list is empty"; treated like NO_ROOMS. */
  ROOM_LIST_EMPTY: 9410000,
} as const;

/** Codes after which a fresh access token may help: the client refreshes it once and retries. */
export const WX_TOKEN_ERRCODES: ReadonlySet<number> = new Set([
  WX_ERRCODE.INVALID_CREDENTIAL,
  WX_ERRCODE.INVALID_ACCESS_TOKEN,
  WX_ERRCODE.ACCESS_TOKEN_EXPIRED,
]);

/** Codes that mean "nothing to list": the client answers with an empty list. */
export const WX_EMPTY_ERRCODES: ReadonlySet<number> = new Set([WX_ERRCODE.NO_ROOMS, WX_ERRCODE.ROOM_LIST_EMPTY]);
