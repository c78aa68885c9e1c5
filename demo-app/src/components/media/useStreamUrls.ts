import { useEffect, useState } from 'react';
import { api } from '../../services/http';

export interface StreamUrls {
  stream: string;
  live: boolean;
  flv: string;
  hls: string;
  rtmp: string;
  whep: string;
}

interface MediaInfo {
  enabled: boolean;
  testPattern?: { stream: string };
}

/**
 * The play URLs of a room's stream from the local server (`/media/play-urls`, signed there when
 * the server signs play). While the host is not live the demo shows the server's test pattern
 * and checks every 5 s whether the room went live.
 */
export function useStreamUrls(roomID: string): { urls?: StreamUrls; error?: string } {
  const [state, setState] = useState<{ urls?: StreamUrls; error?: string }>({});
  useEffect(() => {
    let disposed = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = async () => {
      try {
        const room = await api<StreamUrls>(`/media/play-urls?stream=${encodeURIComponent(roomID)}`);
        let urls = room;
        if (!room.live) {
          const info = await api<MediaInfo>('/media/info');
          const pattern = info.testPattern?.stream;
          if (pattern) urls = await api<StreamUrls>(`/media/play-urls?stream=${encodeURIComponent(pattern)}`);
          timer = setTimeout(check, 5000);
        }
        if (!disposed) {
          setState((s) => (s.urls?.flv === urls.flv ? s : { urls }));
        }
      } catch (e) {
        if (!disposed) setState({ error: e instanceof Error ? e.message : String(e) });
      }
    };
    void check();
    return () => {
      disposed = true;
      if (timer) clearTimeout(timer);
    };
  }, [roomID]);
  return state;
}
