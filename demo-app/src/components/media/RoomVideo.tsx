import { LivePlayer, type LivePlayerHandle, usePlayUrl } from '@livesell/components';
import type { PlayerState, PlayUrlKind } from '@livesell/core';
import { CoverView, Text, View } from '@tarojs/components';
import { useRef, useState } from 'react';
import { useStreamUrls } from './useStreamUrls';
import './media.css';

export interface RoomVideoProps {
  roomID: string;
  /** `flv`, `hls` or `whep` first (the demo passes the page's `?play=` parameter). */
  prefer?: string;
}

const KINDS: readonly PlayUrlKind[] = ['flv', 'hls', 'whep', 'rtmp'];

/**
 * The viewer's video: the room's stream (or the server's test pattern while the host is off air)
 * in a `LivePlayer`, with the player state written out under it.
 */
export function RoomVideo({ roomID, prefer }: RoomVideoProps) {
  const { urls, error } = useStreamUrls(roomID);
  const preferred = KINDS.find((k) => k === prefer);
  const playUrl = usePlayUrl(urls ? { flv: urls.flv, hls: urls.hls, whep: urls.whep, rtmp: urls.rtmp } : undefined, {
    prefer: preferred ? [preferred] : undefined,
  });
  const player = useRef<LivePlayerHandle>(null);
  const [state, setState] = useState<PlayerState | undefined>();
  const status = state?.status ?? 'idle';
  return (
    <View className="demo-video-box">
      <LivePlayer
        ref={player}
        className="demo-video"
        playUrl={playUrl}
        autoplay
        objectFit="fillCrop"
        onStateChange={setState}
      >
        <CoverView className="demo-video-badge">{urls?.live ? 'LIVE' : 'TEST PATTERN'}</CoverView>
      </LivePlayer>
      <Text className="demo-video-status" data-state={status}>
        {`${status} ${state?.lastCode ?? ''} r${state?.restarts ?? 0}`}
      </Text>
      {error ? <Text className="demo-error">{error}</Text> : null}
      {status === 'error' ? (
        <Text className="demo-video-retry" onClick={() => void player.current?.start()}>
          Tap to retry
        </Text>
      ) : null}
    </View>
  );
}
