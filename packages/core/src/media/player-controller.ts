import { type Clock, systemClock } from '../clock';
import { LiveSellError } from '../errors';
import { PLAYER_CODE } from './codes';
import { createMachineRunner, createRestartTimer, type MachineRunner } from './machine-runner';
import {
  createPlayerState,
  isPlayerActive,
  type PlayerError,
  type PlayerEvent,
  type PlayerState,
  playerTransition,
} from './player-machine';
import type { RestartPolicy } from './restart-policy';
import { createWatchdog, defaultWatchdogOptions, type WatchdogOptions } from './watchdog';

export interface PlayerControllerOptions {
  clock?: Clock;
  url?: string;
  muted?: boolean;
  restart?: Partial<RestartPolicy>;
  /** `false` turns the watchdog off. */
  watchdog?: Partial<WatchdogOptions> | false;
}

export type PlayerController = MachineRunner<PlayerState, PlayerEvent>;

/**
 * Runs the player machine with its timers: the watchdog (stall → synthetic 2105 then 2103, which
 * reloads; no first frame → `firstFrameTimeout`) and the restart policy's back-off (`restart`).
 */
export function createPlayerController(options: PlayerControllerOptions = {}): PlayerController {
  const clock = options.clock ?? systemClock;
  const restartTimer = createRestartTimer(clock, () => runner.dispatch({ type: 'restart' }));
  const watchdog =
    options.watchdog === false
      ? null
      : createWatchdog(
          clock,
          { ...defaultWatchdogOptions, ...options.watchdog },
          {
            stall() {
              runner.dispatch({ type: 'code', code: PLAYER_CODE.STUTTER, source: 'watchdog' });
              runner.dispatch({ type: 'code', code: PLAYER_CODE.RECONNECTING, source: 'watchdog' });
            },
            firstFrameTimeout() {
              runner.dispatch({ type: 'firstFrameTimeout' });
            },
          },
        );

  const runner = createMachineRunner<PlayerState, PlayerEvent>(
    createPlayerState({ url: options.url, muted: options.muted, policy: options.restart }),
    playerTransition,
    (state, event) => {
      watchdog?.update({ active: isPlayerActive(state), loadId: state.loadId, firstFrame: state.firstFrame });
      const progressed =
        event.type === 'progress' ||
        (event.type === 'code' && (event.code === PLAYER_CODE.PLAY_BEGIN || event.code === PLAYER_CODE.PROGRESS));
      if (progressed) watchdog?.progress();
      if (state.status === 'reconnecting' && state.retryInMs !== null) {
        restartTimer.update(`${state.loadId}:${state.restarts}`, state.retryInMs);
      } else {
        restartTimer.update(null, 0);
      }
    },
    () => {
      watchdog?.stop();
      restartTimer.stop();
    },
  );
  return runner;
}

/** The machine's error as the kit's typed error (`code: 'MEDIA'`, the player code in `details`). */
export function playerErrorToLiveSellError(error: PlayerError): LiveSellError {
  return new LiveSellError('MEDIA', error.message, {
    fatal: error.fatal,
    details: { code: error.code, reason: error.reason },
  });
}
