/** WeChat's live-player-plugin: its AppID is fixed by WeChat and must not be changed. */
export const LIVE_PLAYER_PLUGIN_APPID = 'wx2b03c6e691cd7370';

/** The plugin's live room page; navigate to it with `buildLiveRoomUrl`. */
export const LIVE_PLAYER_PLUGIN_PAGE = `plugin-private://${LIVE_PLAYER_PLUGIN_APPID}/pages/live-player-plugin`;

/** The plugin's `subscribe` component, for a page config's `usingComponents`. */
export const LIVE_SUBSCRIBE_COMPONENT = `plugin-private://${LIVE_PLAYER_PLUGIN_APPID}/components/subscribe/subscribe`;

/** Entry types WeChat needs on the room path so the room's back button works. */
export const LIVE_ROOM_ENTRY = {
  /** The path sits behind a mini program code (QR code) you generated yourself. */
  QR_CODE: 9,
  /** The path sits behind a mini program card in an Official Account article. */
  ARTICLE_CARD: 10,
} as const;

export type LiveRoomEntryType = (typeof LIVE_ROOM_ENTRY)[keyof typeof LIVE_ROOM_ENTRY];

/** WeChat asks for no more than one `getLiveStatus` call a minute after the first. */
export const LIVE_STATUS_MIN_INTERVAL_MS = 60_000;
