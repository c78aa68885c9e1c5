import { LiveSellError } from '@livesell/core';
import {
  type NetStatusInfo,
  PLAYER_CODE,
  type PlaybackCapabilities,
  type PlayerError,
  playUrlKind,
} from '@livesell/core/media';
import type { PlaybackLoaders } from '../media-shared/loaders';
import { notSupported } from '../media-shared/not-supported';
import { exchangeSdp, iceGathered } from '../media-shared/webrtc';

/**
 * H5 playback engines. Each loads one URL into a `<video>` and reports WeChat codes for what its
 * library sees (the `<video>` element's own events are mapped by the surface):
 * - hls.js: MANIFEST_PARSED → 2001, 2002; a fatal network error (after hls.js's own retries) →
 *   3002, −2301; a media error → 2101 and one recovery, then −2301; a buffer stall → 2105.
 * - mpegts.js: MEDIA_INFO → 2001, 2002; a network error → 3005, the server ending the stream →
 *   3004; then, like the native player, 2103 and up to `reconnects` retries before −2301.
 * - WHEP: a WebRTC viewer (standard WHEP signalling); answer → 2001, connected → 2002,
 *   disconnected → 2103, failed → 3005, −2301.
 * The restart policy in the player machine takes over after −2301.
 */
export interface EngineReport {
  code(code: number): void;
  fail(error: PlayerError): void;
  netStatus(info: NetStatusInfo): void;
}

export interface EngineSession {
  destroy(): void;
  /** Back to the live edge after a pause. */
  resume?(): void;
}

export interface EngineContext {
  video: HTMLVideoElement;
  url: string;
  report: EngineReport;
  loaders: PlaybackLoaders;
  caps: PlaybackCapabilities;
  /** mpegts.js / WHEP reconnect attempts before −2301 (the native player's own retries). */
  reconnects: number;
  reconnectDelayMs: number;
}

export type Engine = (context: EngineContext) => Promise<EngineSession>;

export function chooseEngine(url: string, caps: PlaybackCapabilities): Engine {
  const kind = playUrlKind(url);
  switch (kind) {
    case 'hls':
      if (caps.mse) return hlsEngine;
      if (caps.nativeHls) return nativeEngine;
      throw notSupported('play', 'h5', 'this browser plays neither MSE nor native HLS');
    case 'flv':
      if (caps.mse) return flvEngine;
      throw notSupported('play', 'h5', 'FLV needs Media Source Extensions');
    case 'whep':
      if (caps.webrtc) return whepEngine;
      throw notSupported('play', 'h5', 'WHEP needs WebRTC');
    default:
      throw notSupported('play', 'h5', `a browser cannot play ${kind} URLs; use FLV, HLS or WHEP`);
  }
}

export const nativeEngine: Engine = async ({ video, url }) => {
  video.src = url;
  return {
    destroy() {
      video.removeAttribute('src');
      video.load();
    },
  };
};

export const hlsEngine: Engine = async ({ video, url, report, loaders, caps }) => {
  const Hls = await loaders.hls();
  if (!Hls.isSupported()) {
    if (caps.nativeHls) return nativeEngine({ video, url, report, loaders, caps, reconnects: 0, reconnectDelayMs: 0 });
    throw notSupported('play', 'h5', 'hls.js is not supported in this browser');
  }
  const hls = new Hls({ lowLatencyMode: true, liveSyncDurationCount: 2, backBufferLength: 10 });
  let recovered = false;
  let dead = false;
  hls.on(Hls.Events.MANIFEST_PARSED, () => {
    report.code(PLAYER_CODE.CONNECTED);
    report.code(PLAYER_CODE.PULL_START);
  });
  hls.on(Hls.Events.ERROR, (_event, data) => {
    if (dead) return;
    if (!data.fatal) {
      if (data.details === 'bufferStalledError') report.code(PLAYER_CODE.STUTTER);
      return;
    }
    if (data.type === 'mediaError' && !recovered) {
      recovered = true;
      report.code(PLAYER_CODE.VIDEO_DECODE_FAIL);
      hls.recoverMediaError();
      return;
    }
    dead = true;
    if (data.type === 'networkError') report.code(PLAYER_CODE.CONNECT_FAIL);
    report.code(PLAYER_CODE.RECONNECTS_EXHAUSTED);
  });
  hls.loadSource(url);
  hls.attachMedia(video);
  return {
    destroy: () => {
      dead = true;
      hls.destroy();
    },
    resume: () => hls.startLoad(-1),
  };
};

export const flvEngine: Engine = async ({ video, url, report, loaders, reconnects, reconnectDelayMs }) => {
  const mpegts = await loaders.mpegts();
  if (!mpegts.isSupported()) throw notSupported('play', 'h5', 'mpegts.js is not supported in this browser');
  // mpegts.js logs every segment to the console by default; keep warnings and errors only.
  mpegts.LoggingControl?.applyConfig({ enableVerbose: false, enableDebug: false, enableInfo: false });
  let player: ReturnType<typeof mpegts.createPlayer> | undefined;
  let attempts = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let destroyed = false;

  const teardown = () => {
    if (!player) return;
    const p = player;
    player = undefined;
    try {
      p.unload();
      p.detachMediaElement();
    } finally {
      p.destroy();
    }
  };
  const lost = (code: number) => {
    if (destroyed || !player) return;
    report.code(code);
    teardown();
    if (attempts >= reconnects) {
      report.code(PLAYER_CODE.RECONNECTS_EXHAUSTED);
      return;
    }
    attempts++;
    report.code(PLAYER_CODE.RECONNECTING);
    timer = setTimeout(() => {
      if (destroyed) return;
      create();
      void video.play().catch(() => undefined);
    }, reconnectDelayMs);
  };
  const create = () => {
    const p = mpegts.createPlayer(
      { type: 'flv', isLive: true, url },
      {
        isLive: true,
        enableStashBuffer: false,
        liveBufferLatencyChasing: true,
        autoCleanupSourceBuffer: true,
        lazyLoad: false,
      },
    );
    player = p;
    p.on(mpegts.Events.MEDIA_INFO, () => {
      if (player !== p) return;
      attempts = 0;
      report.code(PLAYER_CODE.CONNECTED);
      report.code(PLAYER_CODE.PULL_START);
    });
    p.on(mpegts.Events.STATISTICS_INFO, ((stats: { speed?: number }) => {
      if (player === p && typeof stats?.speed === 'number') report.netStatus({ netSpeed: Math.round(stats.speed) });
    }) as (...args: never[]) => void);
    p.on(mpegts.Events.ERROR, ((type: string) => {
      if (player !== p) return;
      if (type === mpegts.ErrorTypes.NETWORK_ERROR) lost(PLAYER_CODE.READ_WRITE_FAIL);
      else {
        teardown();
        report.code(PLAYER_CODE.RECONNECTS_EXHAUSTED);
      }
    }) as (...args: never[]) => void);
    // A live FLV response that ends means the server closed the stream.
    p.on(mpegts.Events.LOADING_COMPLETE, () => {
      if (player === p) lost(PLAYER_CODE.SERVER_CLOSED);
    });
    p.attachMediaElement(video);
    p.load();
  };
  create();
  return {
    destroy() {
      destroyed = true;
      if (timer) clearTimeout(timer);
      teardown();
    },
    resume() {
      // Jump to the live edge instead of replaying what was buffered before the pause.
      const end = video.buffered.length ? video.buffered.end(video.buffered.length - 1) : 0;
      if (end > 0.5) video.currentTime = end - 0.3;
    },
  };
};

export const whepEngine: Engine = async ({ video, url, report }) => {
  const pc = new RTCPeerConnection();
  let location: string | undefined;
  let closed = false;
  pc.addTransceiver('video', { direction: 'recvonly' });
  pc.addTransceiver('audio', { direction: 'recvonly' });
  const stream = new MediaStream();
  pc.ontrack = (event) => {
    stream.addTrack(event.track);
    if (video.srcObject !== stream) video.srcObject = stream;
  };
  pc.onconnectionstatechange = () => {
    if (closed) return;
    if (pc.connectionState === 'connected') report.code(PLAYER_CODE.PULL_START);
    else if (pc.connectionState === 'disconnected') report.code(PLAYER_CODE.RECONNECTING);
    else if (pc.connectionState === 'failed') {
      report.code(PLAYER_CODE.READ_WRITE_FAIL);
      report.code(PLAYER_CODE.RECONNECTS_EXHAUSTED);
    }
  };
  try {
    await pc.setLocalDescription(await pc.createOffer());
    await iceGathered(pc, 2000);
    const { status, answer, location: session } = await exchangeSdp(url, pc.localDescription?.sdp ?? '');
    if (status === 401 || status === 403) {
      throw new LiveSellError('PERMISSION_DENIED', `WHEP play refused (${status})`, { fatal: true });
    }
    if (answer === undefined) {
      pc.close();
      report.code(PLAYER_CODE.CONNECT_FAIL);
      report.code(PLAYER_CODE.RECONNECTS_EXHAUSTED);
      return { destroy: () => undefined };
    }
    location = session;
    await pc.setRemoteDescription({ type: 'answer', sdp: answer });
    report.code(PLAYER_CODE.CONNECTED);
  } catch (cause) {
    pc.close();
    if (cause instanceof LiveSellError) throw cause;
    report.code(PLAYER_CODE.CONNECT_FAIL);
    report.code(PLAYER_CODE.RECONNECTS_EXHAUSTED);
    return { destroy: () => undefined };
  }
  return {
    destroy() {
      closed = true;
      pc.close();
      video.srcObject = null;
      if (location) void fetch(location, { method: 'DELETE' }).catch(() => undefined);
    },
  };
};
