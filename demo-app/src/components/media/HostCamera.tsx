import { LivePusher, type LivePusherHandle } from '@livesell/components';
import type { PusherState } from '@livesell/core';
import { Button, Text, View } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';
import { api } from '../../services/http';
import './media.css';

export interface HostCameraProps {
  roomID: string;
  /** The signed-in host: the server issues push URLs to a room's owner only. */
  me: { userID: string; userSig: string };
}

interface PushUrls {
  rtmp: string;
  whip: string;
}

/**
 * The host's camera: a `LivePusher` previewing at once and going live on "Go live" — RTMP from the
 * mini program, WHIP from a browser — with a signed URL from the server's `/media/push-url`.
 */
export function HostCamera({ roomID, me }: HostCameraProps) {
  const [urls, setUrls] = useState<PushUrls | undefined>();
  const [error, setError] = useState('');
  const [state, setState] = useState<PusherState | undefined>();
  const pusher = useRef<LivePusherHandle>(null);

  useEffect(() => {
    let disposed = false;
    api<PushUrls>('/media/push-url', { method: 'POST', body: { stream: roomID }, auth: me })
      .then((u) => !disposed && setUrls(u))
      .catch((e: unknown) => !disposed && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      disposed = true;
    };
  }, [roomID, me]);

  const run = (action: (p: LivePusherHandle) => Promise<void>) => async () => {
    const p = pusher.current;
    if (!p) return;
    try {
      await action(p);
      setError('');
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const pushUrl = urls ? (process.env.TARO_ENV === 'h5' ? urls.whip : urls.rtmp) : '';
  const status = state?.status ?? 'idle';
  const live = status === 'pushing' || status === 'connecting' || status === 'reconnecting';
  return (
    <View className="demo-pusher-box">
      <LivePusher
        ref={pusher}
        className="demo-pusher"
        pushUrl={pushUrl}
        autopush={false}
        mode="HD"
        onStateChange={setState}
      />
      <Text className="demo-pusher-status" data-state={status}>
        {`${status} ${state?.lastCode ?? ''}${state?.preview ? ' preview' : ''}`}
      </Text>
      <View className="demo-pusher-actions">
        {live ? (
          <Button className="demo-pusher-stop" onClick={run((p) => p.stop())}>
            End live
          </Button>
        ) : (
          <Button className="demo-pusher-start" disabled={!pushUrl} onClick={run((p) => p.start())}>
            Go live
          </Button>
        )}
        <Button className="demo-pusher-switch" onClick={run((p) => p.switchCamera())}>
          Switch camera
        </Button>
      </View>
      {error ? <Text className="demo-error">{error}</Text> : null}
    </View>
  );
}
