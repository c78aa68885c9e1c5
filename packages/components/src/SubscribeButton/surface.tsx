import type { SubscribeSurfaceProps } from './types';

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      /** WeChat live-player-plugin's `subscribe` component (see `LIVE_SUBSCRIBE_COMPONENT`). */
      subscribe: { 'room-id': number; 'stop-propagation'?: boolean };
    }
  }
}

/**
 * weapp: WeChat's own `subscribe` plugin component, which sends the start reminder itself. The
 * page that renders it must sit in the package that declares `live-player-plugin` and list it in
 * `usingComponents: { subscribe: LIVE_SUBSCRIBE_COMPONENT }`; WeChat shows it only before the
 * room starts.
 */
export function SubscribeSurface({ roomId, stopPropagation }: SubscribeSurfaceProps) {
  return <subscribe room-id={roomId} stop-propagation={stopPropagation ?? false} />;
}
