import type { NetStatusInfo, PlayerError } from '@livesell/core/media';
import type { CSSProperties, ReactNode } from 'react';
import type { FullScreenChangeEvent, SnapshotResult } from '../media-shared/live-events';
import type { PlaybackLoaders } from '../media-shared/loaders';

/**
 * The platform seam of `LivePlayer`: `player-surface.tsx` (weapp `<live-player>`) and
 * `player-surface.h5.tsx` (`<video>` + hls.js / mpegts.js / WHEP) implement it; Taro's suffix
 * rule picks one per build. Surfaces only execute commands and report what happens; the player
 * machine in `@livesell/core` decides.
 */
export interface PlayerSurfaceHandle {
  /** Loads `url` (again, if it is the current one) and starts playing. Rejects when it cannot. */
  play(url: string): Promise<void>;
  /** `release`: a real stop (not a pause before a restart): weapp also clears `<live-player>`'s `src`. */
  stop(release?: boolean): Promise<void>;
  pause(): Promise<void>;
  resume(): Promise<void>;
  requestFullScreen(direction: 0 | 90 | -90): Promise<void>;
  exitFullScreen(): Promise<void>;
  snapshot(): Promise<SnapshotResult>;
}

export interface PlayerSurfaceReport {
  code(code: number): void;
  /** The picture advanced. */
  progress(): void;
  netStatus(info: NetStatusInfo): void;
  fullScreenChange(event: FullScreenChangeEvent): void;
  /** A failure the codes cannot express (e.g. an unsupported format). */
  fail(error: PlayerError): void;
  /** The browser refused sound without a user gesture; playback continues muted. */
  autoMuted(): void;
}

export interface PlayerSurfaceProps {
  id: string;
  mode: 'live' | 'RTC';
  orientation: 'vertical' | 'horizontal';
  objectFit: 'contain' | 'fillCrop';
  minCache: number;
  maxCache: number;
  muted: boolean;
  soundMode: 'speaker' | 'ear';
  autopause: boolean;
  backgroundMute: boolean;
  report: PlayerSurfaceReport;
  /** H5 only: how hls.js / mpegts.js are loaded. */
  loaders?: Partial<PlaybackLoaders>;
  className?: string;
  /** The player status, rendered as `data-state` where the platform supports data attributes. */
  dataState?: string;
  style?: CSSProperties;
  children?: ReactNode;
}
