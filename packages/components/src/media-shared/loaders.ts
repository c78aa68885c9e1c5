/**
 * hls.js (≈578 KB) and mpegts.js (≈271 KB) are loaded only when a stream of their kind plays:
 * each is a dynamic `import()`, so bundlers split it out of the first-load chunk. The interfaces
 * below are the small part of each library the player uses; tests inject fakes through them.
 */
export interface HlsErrorData {
  type: string;
  details: string;
  fatal: boolean;
}

export interface HlsInstanceLike {
  loadSource(url: string): void;
  attachMedia(media: HTMLMediaElement): void;
  on(event: string, listener: (event: string, data: HlsErrorData) => void): void;
  startLoad(startPosition?: number): void;
  recoverMediaError(): void;
  destroy(): void;
}

export interface HlsLike {
  new (config?: Record<string, unknown>): HlsInstanceLike;
  isSupported(): boolean;
  readonly Events: { MANIFEST_PARSED: string; FRAG_BUFFERED: string; ERROR: string };
}

export interface MpegtsPlayerLike {
  on(event: string, listener: (...args: never[]) => void): void;
  attachMediaElement(media: HTMLMediaElement): void;
  load(): void;
  unload(): void;
  detachMediaElement(): void;
  destroy(): void;
}

export interface MpegtsLike {
  isSupported(): boolean;
  createPlayer(
    source: { type: string; isLive?: boolean; url?: string },
    config?: Record<string, unknown>,
  ): MpegtsPlayerLike;
  readonly Events: { ERROR: string; LOADING_COMPLETE: string; MEDIA_INFO: string; STATISTICS_INFO: string };
  readonly ErrorTypes: { NETWORK_ERROR: string; MEDIA_ERROR: string };
  readonly LoggingControl?: { applyConfig(config: Record<string, boolean>): void };
}

export interface PlaybackLoaders {
  hls(): Promise<HlsLike>;
  mpegts(): Promise<MpegtsLike>;
}

export const defaultPlaybackLoaders: PlaybackLoaders = {
  hls: () => import('hls.js').then((m) => m.default as unknown as HlsLike),
  mpegts: () => import('mpegts.js').then((m) => m.default as unknown as MpegtsLike),
};
