import type { LiveSellError } from '@livesell/core';
import type { NetStatusInfo } from '@livesell/core/media';

/** The live-room plugin's `bindPlayEvent` / `bindPushEvent` payload: a status code and its description. */
export interface LiveStatusEvent {
  tag: 'playEvent' | 'pushEvent';
  code: number;
  detail: string;
  /** True when the kit synthesised the code (the watchdog), not the platform. */
  synthetic?: boolean;
}

export interface LiveErrorEvent {
  tag: 'error';
  /** The platform code (e.g. −2301, 10001), or 0 when none applies. */
  code: number;
  detail: string;
  error: LiveSellError;
}

export interface NetStatusEvent {
  info: NetStatusInfo;
}

export interface FullScreenChangeEvent {
  fullScreen: boolean;
  /** 0 portrait, 90 / −90 landscape (weapp); undefined on H5. */
  direction?: number;
}

export interface BgmProgressEvent {
  /** Seconds played. */
  progress: number;
  /** Track length, seconds. */
  duration: number;
}

/** `snapshot()` result, as WeChat's context returns it (`tempImagePath` is a data URL on H5). */
export interface SnapshotResult {
  tempImagePath: string;
  width: number;
  height: number;
}
