import { LiveSellError } from '@livesell/core';
import { useEffect, useState } from 'react';
import { useRoom } from '../hooks/useRoom';
import { useRoomContext } from '../hooks/useRoomContext';
import { isForTheShow, selectMutedUntil, selectNextSendAt, selectSlowMode } from '../shared/moderation';

/** What limits this viewer's next message, from the room store: a mute, or slow mode's wait. */
export type ComposerLimit =
  | { kind: 'none' }
  | { kind: 'muted'; leftMs: number; forShow: boolean }
  | { kind: 'slow'; leftSeconds: number };

/** "9:41", "1:02:03" (never negative, rounded up). */
export function formatLeft(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** The composer's limit, ticking once a second while there is one (on the provider's clock). */
export function useComposerLimit(): ComposerLimit {
  const { clock } = useRoomContext();
  const mutedUntil = useRoom(selectMutedUntil);
  const nextSendAt = useRoom(selectNextSendAt);
  const slowModeSeconds = useRoom(selectSlowMode);
  const [now, setNow] = useState(() => clock.now());
  const until = Math.max(mutedUntil ?? 0, slowModeSeconds > 0 ? nextSendAt : 0);
  useEffect(() => {
    const current = clock.now();
    setNow(current);
    if (until <= current) return;
    let handle: ReturnType<typeof clock.setTimeout> | undefined;
    const tick = () => {
      const t = clock.now();
      setNow(t);
      if (t < until) handle = clock.setTimeout(tick, Math.min(1000, until - t));
    };
    handle = clock.setTimeout(tick, Math.min(1000, until - current));
    return () => {
      if (handle !== undefined) clock.clearTimeout(handle);
    };
  }, [clock, until]);
  if (mutedUntil !== null && mutedUntil > now) {
    const leftMs = mutedUntil - now;
    return { kind: 'muted', leftMs, forShow: isForTheShow(leftMs) };
  }
  if (slowModeSeconds > 0 && nextSendAt > now)
    return { kind: 'slow', leftSeconds: Math.ceil((nextSendAt - now) / 1000) };
  return { kind: 'none' };
}

/** The moderation refusals of a send, by the kit's code or the IM's numeric one. */
export function refusalOf(error: unknown): 'muted' | 'slow' | 'filtered' | null {
  if (!(error instanceof LiveSellError)) return null;
  const code: string = error.code;
  if (code === 'MUTED' || error.timCode === 10017) return 'muted';
  if (code === 'SLOW_MODE' || error.timCode === 10101) return 'slow';
  if (code === 'FILTERED' || error.timCode === 80001) return 'filtered';
  return null;
}

/** A number the refusal carries in its `details` (`muteUntil`, `nextSendAt` …): the first key that has one. */
export function detailNumber(error: unknown, ...keys: string[]): number | undefined {
  if (!(error instanceof LiveSellError) || !error.details) return undefined;
  for (const key of keys) {
    const v = error.details[key];
    if (typeof v === 'number' && Number.isFinite(v)) return v;
  }
  return undefined;
}
