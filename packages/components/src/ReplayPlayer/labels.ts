export interface ReplayLabels {
  /** The player region. */
  player: (name: string) => string;
  loading: string;
  /** No recording (yet) for this room. */
  empty: string;
  error: (message: string) => string;
  /** The speed control's group label. */
  speed: string;
  speedOption: (rate: number) => string;
  chapters: string;
  /** Said after a chapter's visible text (its accessible name starts with what it shows). */
  playFrom: string;
  /** The chapter the playhead is in. */
  current: string;
}

export const DEFAULT_REPLAY_LABELS: ReplayLabels = {
  player: (name) => (name ? `Replay: ${name}` : 'Replay'),
  loading: 'Loading the replay…',
  empty: 'No replay yet',
  error: (message) => `The replay cannot play: ${message}`,
  speed: 'Playback speed',
  speedOption: (rate) => `${rate}×`,
  chapters: 'Products in this show',
  playFrom: 'play from here',
  current: 'now',
};

/** The speeds both platforms' `<video>` support. */
export const REPLAY_SPEEDS: readonly number[] = [0.5, 1, 1.25, 1.5, 2];

/** Milliseconds into the show → "4:05" or "1:02:03". */
export function formatShowTime(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
