/**
 * `@livesell/core/media`: the live player and pusher as pure machines, their controllers, the
 * platform codes, and which play URL a client can play. Signing stream URLs is the server's job
 * (`@livesell/server`): clients never sign.
 */
export {
  type CodeSeverity,
  codeSeverity,
  describeCode,
  type NetStatusInfo,
  PLAYER_CODE,
  PUSHER_CODE,
  PUSHER_ERROR,
  readNetStatus,
} from './codes';
export type { MachineListener, MachineRunner } from './machine-runner';
export {
  createPlayerController,
  type PlayerController,
  type PlayerControllerOptions,
  playerErrorToLiveSellError,
} from './player-controller';
export {
  createPlayerState,
  isPlayerActive,
  type PlayerBase,
  type PlayerError,
  type PlayerErrorReason,
  type PlayerEvent,
  type PlayerState,
  type PlayerStatus,
  playerTransition,
  type ReconnectBy,
} from './player-machine';
export {
  createPusherController,
  type PusherController,
  type PusherControllerOptions,
  pusherErrorToLiveSellError,
} from './pusher-controller';
export {
  type BgmPhase,
  type BgmStatus,
  createPusherState,
  isPushActive,
  type PusherBase,
  type PusherError,
  type PusherErrorReason,
  type PusherEvent,
  type PusherState,
  type PusherStatus,
  pusherTransition,
} from './pusher-machine';
export { defaultRestartPolicy, type RestartPolicy, restartDelay } from './restart-policy';
export {
  choosePlayUrl,
  type MediaPlatform,
  type PlaybackCapabilities,
  type PlayProtocol,
  type PlayUrlKind,
  type PlayUrls,
  playableKinds,
  playUrlKind,
} from './stream-urls';
export { defaultWatchdogOptions, type WatchdogOptions } from './watchdog';
