/**
 * The status codes WeChat's `<live-player>` / `<live-pusher>` report (`bindstatechange`,
 * `binderror`). The H5 surfaces map their library events onto the same numbers, so one machine
 * serves both platforms.
 */
export const PLAYER_CODE = {
  CONNECTED: 2001,
  PULL_START: 2002,
  FIRST_I_FRAME: 2003,
  PLAY_BEGIN: 2004,
  PROGRESS: 2005,
  END: 2006,
  LOADING: 2007,
  DECODER_START: 2008,
  RESOLUTION_CHANGE: 2009,
  VIDEO_DECODE_FAIL: 2101,
  AUDIO_DECODE_FAIL: 2102,
  RECONNECTING: 2103,
  UNSTABLE: 2104,
  STUTTER: 2105,
  HW_DECODE_FAIL: 2106,
  DNS_FAIL: 3001,
  CONNECT_FAIL: 3002,
  HANDSHAKE_FAIL: 3003,
  SERVER_CLOSED: 3004,
  READ_WRITE_FAIL: 3005,
  RECONNECTS_EXHAUSTED: -2301,
  ACCELERATED_URL_FAIL: -2302,
} as const;

export const PUSHER_CODE = {
  CONNECTED: 1001,
  PUSHING: 1002,
  CAMERA_OPEN: 1003,
  SCREEN_CAPTURE: 1004,
  RESOLUTION_ADJUSTED: 1005,
  BITRATE_ADJUSTED: 1006,
  FIRST_FRAME: 1007,
  ENCODER_START: 1008,
  CONGESTED: 1101,
  RECONNECTING: 1102,
  HW_ENCODE_FAIL: 1103,
  DNS_FAIL: 3001,
  CONNECT_FAIL: 3002,
  HANDSHAKE_FAIL: 3003,
  SERVER_CLOSED: 3004,
  READ_WRITE_FAIL: 3005,
  CAMERA_FAIL: -1301,
  MIC_FAIL: -1302,
  VIDEO_ENCODE_FAIL: -1303,
  AUDIO_ENCODE_FAIL: -1304,
  RESOLUTION_UNSUPPORTED: -1305,
  SAMPLE_RATE_UNSUPPORTED: -1306,
  RECONNECTS_EXHAUSTED: -1307,
} as const;

/** `<live-pusher binderror>` codes. */
export const PUSHER_ERROR = {
  CAMERA_DENIED: 10001,
  MIC_DENIED: 10002,
  BGM_LOAD_FAIL: 10003,
  WAITING_IMAGE_FAIL: 10004,
} as const;

export type CodeSeverity = 'info' | 'warning' | 'fatal';

/** Negative codes are fatal; 1100–1199, 2100–2199 and 3000–3999 are warnings; the rest inform. */
export function codeSeverity(code: number): CodeSeverity {
  if (code < 0 || code === PUSHER_ERROR.CAMERA_DENIED || code === PUSHER_ERROR.MIC_DENIED) return 'fatal';
  if (
    (code >= 1100 && code <= 1199) ||
    (code >= 2100 && code <= 2199) ||
    (code >= 3000 && code <= 3999) ||
    code === PUSHER_ERROR.BGM_LOAD_FAIL ||
    code === PUSHER_ERROR.WAITING_IMAGE_FAIL
  ) {
    return 'warning';
  }
  return 'info';
}

const MESSAGES: Record<number, string> = {
  1001: 'connected to the push server',
  1002: 'pushing',
  1003: 'camera opened',
  1004: 'screen capture started',
  1005: 'encode resolution adjusted',
  1006: 'encode bitrate adjusted',
  1007: 'first frame captured',
  1008: 'encoder started',
  1101: 'upstream congested',
  1102: 'connection lost, reconnecting',
  1103: 'hardware encoder failed, using software',
  2001: 'connected to the server',
  2002: 'connected, pulling the stream',
  2003: 'first I-frame received',
  2004: 'playback started',
  2005: 'playback progress',
  2006: 'playback ended',
  2007: 'loading',
  2008: 'decoder started',
  2009: 'resolution changed',
  2101: 'video frame decode failed',
  2102: 'audio frame decode failed',
  2103: 'connection lost, reconnecting',
  2104: 'unstable network: not enough data',
  2105: 'playback stutters',
  2106: 'hardware decoding failed, using software',
  3001: 'DNS resolution failed',
  3002: 'could not connect to the server',
  3003: 'handshake with the server failed',
  3004: 'the server closed the connection',
  3005: 'read or write failed',
  [-1301]: 'could not open the camera',
  [-1302]: 'could not open the microphone',
  [-1303]: 'video encoding failed',
  [-1304]: 'audio encoding failed',
  [-1305]: 'resolution not supported',
  [-1306]: 'sample rate not supported',
  [-1307]: 'connection lost and reconnects exhausted',
  [-2301]: 'connection lost and reconnects exhausted',
  [-2302]: 'could not get the accelerated play URL',
  10001: 'camera permission denied',
  10002: 'microphone permission denied',
  10003: 'background music failed to load',
  10004: 'waiting image failed to load',
};

/** A short English description of a player or pusher code. */
export function describeCode(code: number): string {
  return MESSAGES[code] ?? `code ${code}`;
}

/**
 * What `bindnetstatus` reports (`detail.info`); every field optional because the platforms differ.
 */
export interface NetStatusInfo {
  videoBitrate?: number;
  audioBitrate?: number;
  videoFPS?: number;
  videoGOP?: number;
  netSpeed?: number;
  netJitter?: number;
  videoWidth?: number;
  videoHeight?: number;
  videoCache?: number;
  audioCache?: number;
  vDecCacheSize?: number;
  vSumCacheSize?: number;
  avPlayInterval?: number;
  avRecvInterval?: number;
  audioCacheThreshold?: number;
  /** Round-trip time, ms (H5 WebRTC). */
  rtt?: number;
}

const NET_KEYS: readonly (keyof NetStatusInfo)[] = [
  'videoBitrate',
  'audioBitrate',
  'videoFPS',
  'videoGOP',
  'netSpeed',
  'netJitter',
  'videoWidth',
  'videoHeight',
  'videoCache',
  'audioCache',
  'vDecCacheSize',
  'vSumCacheSize',
  'avPlayInterval',
  'avRecvInterval',
  'audioCacheThreshold',
  'rtt',
];

/** Keeps the known numeric fields of a platform's net status report and drops the rest. */
export function readNetStatus(info: unknown): NetStatusInfo {
  const out: NetStatusInfo = {};
  if (typeof info !== 'object' || info === null) return out;
  const record = info as Record<string, unknown>;
  for (const key of NET_KEYS) {
    const value = record[key];
    const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    if (typeof n === 'number' && Number.isFinite(n)) out[key] = n;
  }
  return out;
}
