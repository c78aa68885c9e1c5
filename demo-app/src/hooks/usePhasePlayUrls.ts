import type { RoomPhase } from '@livesell/core';
import { useEffect, useState } from 'react';
import { type PlayUrls, roomPlayUrls } from '../services/media';

/** How often and how long the room page asks for the host's stream after the room went live. */
const RETRY_MS = 1000;
const RETRIES = 30;

/**
 * The play URLs for the room's phase: before the show the local server's test pattern; once the room
 * is live the host's stream, asked for again every second until the host's push is up (the status
 * can arrive before the first frame), so a viewer who was already in the room switches without a
 * reload. Paused and ended keep the last URLs: the player itself stops pulling in those phases.
 */
export function usePhasePlayUrls(roomID: string, phase: RoomPhase): { urls: PlayUrls; live: boolean } | undefined {
  const [stream, setStream] = useState<{ urls: PlayUrls; live: boolean }>();
  useEffect(() => {
    if (phase === 'paused' || phase === 'ended') return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let tries = 0;
    const ask = () => {
      roomPlayUrls(roomID)
        .then((result) => {
          if (cancelled) return;
          setStream((previous) =>
            result && previous && previous.live === result.live && previous.urls.flv === result.urls.flv
              ? previous
              : result,
          );
          if (phase === 'live' && !result?.live && ++tries < RETRIES) timer = setTimeout(ask, RETRY_MS);
        })
        .catch(() => {
          if (!cancelled && phase === 'live' && ++tries < RETRIES) timer = setTimeout(ask, RETRY_MS);
        });
    };
    ask();
    return () => {
      cancelled = true;
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [roomID, phase]);
  return stream;
}
