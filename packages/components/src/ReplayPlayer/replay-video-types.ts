export interface ReplayVideoProps {
  id: string;
  src: string;
  /** Where to start (a new `src`) or jump to (same `src`, new `nonce`), seconds into the segment. */
  start: { offset: number; nonce: number };
  /** Playback speed, 0.5–2. */
  rate: number;
  autoplay: boolean;
  muted: boolean;
  label: string;
  /** The video's `currentTime`, seconds (weapp `bindtimeupdate`, H5 `timeupdate`). */
  onTime(seconds: number): void;
  onEnded(): void;
  onError(message: string): void;
  className?: string;
}
