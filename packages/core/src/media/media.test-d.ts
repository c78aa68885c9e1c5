import { createManualClock } from '../clock';
import { createPlayerController } from './player-controller';
import { createPlayerState, type PlayerEvent, type PlayerState, playerTransition } from './player-machine';
import { createPusherState, pusherTransition } from './pusher-machine';
import { choosePlayUrl, type PlayUrls } from './stream-urls';

// The error exists only once the status says so.
declare const state: PlayerState;
// @ts-expect-error error is not on every state
state.error;
if (state.status === 'error') {
  const reason: 'fatal-code' | 'restarts-exhausted' | 'first-frame-timeout' | 'no-url' | 'surface' = state.error.reason;
  void reason;
}
// @ts-expect-error retryInMs belongs to reconnecting
state.retryInMs;
if (state.status === 'reconnecting') {
  const wait: number | null = state.retryInMs;
  void wait;
}

// Events are a closed union.
playerTransition(createPlayerState(), { type: 'code', code: 2004 });
// @ts-expect-error a code event needs a numeric code
playerTransition(createPlayerState(), { type: 'code', code: '2004' });
// @ts-expect-error unknown event
playerTransition(createPlayerState(), { type: 'rewind' });
const stall: PlayerEvent = { type: 'code', code: 2103, source: 'watchdog' };
// @ts-expect-error only the player or the watchdog raise codes
const bad: PlayerEvent = { type: 'code', code: 2103, source: 'app' };
void stall;
void bad;

// Pusher events are not player events.
// @ts-expect-error `play` is a player event
pusherTransition(createPusherState(), { type: 'play' });

// Controllers take an injected clock and partial policies.
createPlayerController({ clock: createManualClock(), restart: { maxRestarts: 1 }, watchdog: false });
// @ts-expect-error watchdog options are numbers
createPlayerController({ watchdog: { stallMs: '5s' } });

// URL sets are typed; platforms are a closed set.
declare const urls: PlayUrls;
choosePlayUrl(urls, 'weapp');
// @ts-expect-error unknown platform
choosePlayUrl(urls, 'alipay');
