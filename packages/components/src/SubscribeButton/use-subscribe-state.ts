import { useCallback, useEffect, useRef, useState } from 'react';
import type { SubscribeButtonProps, SubscribeState } from './types';

/**
 * The H5 reminder flow: idle → loading → subscribed, or → error (tap to retry). Controlled through
 * `subscribed` or uncontrolled from `defaultSubscribed`; a result that arrives after the room
 * changed or the component unmounted is dropped.
 */
export function useSubscribeState(props: SubscribeButtonProps) {
  const { roomId, onSubscribe, subscribed, defaultSubscribed = false, onSubscribedChange, onError } = props;
  const [ownSubscribed, setOwnSubscribed] = useState(defaultSubscribed);
  const [phase, setPhase] = useState<'idle' | 'loading' | 'error'>('idle');
  const current = useRef({ roomId, mounted: true, busy: false });
  const controlled = subscribed !== undefined;
  const isSubscribed = controlled ? subscribed : ownSubscribed;

  useEffect(() => {
    current.current.mounted = true;
    return () => {
      current.current.mounted = false;
    };
  }, []);

  const previousRoom = useRef(roomId);
  useEffect(() => {
    if (previousRoom.current === roomId) return;
    previousRoom.current = roomId;
    current.current.roomId = roomId;
    current.current.busy = false;
    setOwnSubscribed(defaultSubscribed);
    setPhase('idle');
  }, [roomId, defaultSubscribed]);

  const subscribe = useCallback(async () => {
    const ref = current.current;
    if (!onSubscribe || isSubscribed || ref.busy) return;
    ref.busy = true;
    setPhase('loading');
    try {
      await onSubscribe(roomId);
      if (!ref.mounted || ref.roomId !== roomId) return;
      setPhase('idle');
      if (!controlled) setOwnSubscribed(true);
      onSubscribedChange?.(true);
    } catch (error) {
      if (!ref.mounted || ref.roomId !== roomId) return;
      setPhase('error');
      onError?.(error);
    } finally {
      if (ref.roomId === roomId) ref.busy = false;
    }
  }, [onSubscribe, isSubscribed, roomId, controlled, onSubscribedChange, onError]);

  const state: SubscribeState = isSubscribed ? 'subscribed' : phase;
  return { state, subscribe, available: onSubscribe !== undefined };
}
