import type { BgmPhase, NetStatusInfo, PusherError } from '@livesell/core/media';
import type { CSSProperties, ReactNode } from 'react';
import type { SnapshotResult } from '../media-shared/live-events';

/**
 * The platform seam of `LivePusher`: `pusher-surface.tsx` (weapp `<live-pusher>` and its context)
 * and `pusher-surface.h5.tsx` (getUserMedia preview, WHIP publishing). Surfaces execute commands
 * and report codes; the pusher machine in `@livesell/core` decides.
 */
export interface PusherSurfaceHandle {
  /** (Re)starts pushing to `url`, opening the camera and microphone first when needed. */
  start(url: string): Promise<void>;
  stop(): Promise<void>;
  pause(): Promise<void>;
  resume(): Promise<void>;
  startPreview(): Promise<void>;
  stopPreview(): Promise<void>;
  switchCamera(): Promise<void>;
  toggleTorch(): Promise<void>;
  snapshot(): Promise<SnapshotResult>;
  playBGM(url: string): Promise<void>;
  stopBGM(): Promise<void>;
  pauseBGM(): Promise<void>;
  resumeBGM(): Promise<void>;
  setBGMVolume(volume: number): Promise<void>;
}

export interface PusherSurfaceReport {
  code(code: number): void;
  /** `binderror`: 10001 camera denied, 10002 microphone denied, 10003 BGM, 10004 waiting image. */
  deviceError(code: number, message?: string): void;
  bgm(phase: BgmPhase, progress?: number, duration?: number): void;
  netStatus(info: NetStatusInfo): void;
  fail(error: PusherError): void;
}

export interface PusherSurfaceProps {
  id: string;
  /** The push URL currently wanted ('' when none). */
  url: string;
  mode: 'SD' | 'HD' | 'FHD' | 'RTC';
  orientation: 'vertical' | 'horizontal';
  muted: boolean;
  waitingImage: string;
  enableCamera: boolean;
  beauty: number;
  whiteness: number;
  backgroundMute: boolean;
  autoFocus: boolean;
  aspect: '9:16' | '3:4';
  minBitrate: number;
  maxBitrate: number;
  zoom: boolean;
  devicePosition: 'front' | 'back';
  audioQuality: 'high' | 'low';
  mirror: boolean;
  report: PusherSurfaceReport;
  className?: string;
  dataState?: string;
  style?: CSSProperties;
  children?: ReactNode;
}
