import { SubscribeSurface } from './surface';
import { DEFAULT_SUBSCRIBE_LABELS, type SubscribeButtonProps } from './types';

/**
 * A start-of-show reminder for a WeChat live room. On weapp it is the live-player-plugin's
 * `subscribe` component; on H5 it is a button that hands the request to `onSubscribe`
 * (Taro picks `surface.h5.tsx` there).
 */
export function SubscribeButton(props: SubscribeButtonProps) {
  if (!Number.isSafeInteger(props.roomId) || props.roomId <= 0) return null;
  return <SubscribeSurface {...props} labels={{ ...DEFAULT_SUBSCRIBE_LABELS, ...props.labels }} />;
}
