import { api } from './http';

export interface PlayUrls {
  flv: string;
  hls: string;
  rtmp: string;
  whep: string;
}

interface MediaInfo {
  enabled: boolean;
  testPattern?: PlayUrls & { stream: string };
}

/**
 * The room's stream (named after the room) when the host is live, else the local server's test
 * pattern, so a viewer always has a picture in the demo.
 */
export async function roomPlayUrls(roomID: string): Promise<{ urls: PlayUrls; live: boolean } | undefined> {
  const info = await api<MediaInfo>('/media/info').catch(() => undefined);
  if (!info?.enabled) return undefined;
  const room = await api<PlayUrls & { live: boolean }>(`/media/play-urls?stream=${encodeURIComponent(roomID)}`).catch(
    () => undefined,
  );
  if (room?.live) return { urls: room, live: true };
  return info.testPattern ? { urls: info.testPattern, live: false } : undefined;
}

export interface PushUrls {
  rtmp: string;
  whip: string;
  expiresAt: number;
}

/** Signed publish URLs for the room's stream; the server checks that the caller hosts the room. */
export function roomPushUrls(roomID: string, auth: { userID: string; userSig: string }): Promise<PushUrls> {
  return api<PushUrls>('/media/push-url', { method: 'POST', body: { stream: roomID }, auth });
}
