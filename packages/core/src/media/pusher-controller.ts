import { type Clock, systemClock } from '../clock';
import { LiveSellError } from '../errors';
import { createMachineRunner, createRestartTimer, type MachineRunner } from './machine-runner';
import {
  createPusherState,
  type PusherError,
  type PusherEvent,
  type PusherState,
  pusherTransition,
} from './pusher-machine';
import type { RestartPolicy } from './restart-policy';

export interface PusherControllerOptions {
  clock?: Clock;
  url?: string;
  muted?: boolean;
  restart?: Partial<RestartPolicy>;
}

export type PusherController = MachineRunner<PusherState, PusherEvent>;

/** Runs the pusher machine with the restart policy's back-off timer. */
export function createPusherController(options: PusherControllerOptions = {}): PusherController {
  const clock = options.clock ?? systemClock;
  const restartTimer = createRestartTimer(clock, () => runner.dispatch({ type: 'restart' }));
  const runner = createMachineRunner<PusherState, PusherEvent>(
    createPusherState({ url: options.url, muted: options.muted, policy: options.restart }),
    pusherTransition,
    (state) => {
      if (state.status === 'reconnecting' && state.retryInMs !== null) {
        restartTimer.update(`${state.loadId}:${state.restarts}`, state.retryInMs);
      } else {
        restartTimer.update(null, 0);
      }
    },
    () => restartTimer.stop(),
  );
  return runner;
}

/** The machine's error as the kit's typed error: `DEVICE` for camera/microphone, `MEDIA` otherwise. */
export function pusherErrorToLiveSellError(error: PusherError): LiveSellError {
  const device = error.reason === 'camera' || error.reason === 'microphone' || error.reason === 'permission';
  return new LiveSellError(device ? 'DEVICE' : 'MEDIA', error.message, {
    fatal: error.fatal,
    details: { code: error.code, reason: error.reason },
  });
}
