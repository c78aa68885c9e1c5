export { DEFAULT_REPLAY_LABELS, formatShowTime, REPLAY_SPEEDS, type ReplayLabels } from './labels';
export { ReplayChapters, type ReplayChaptersProps } from './ReplayChapters';
export { ReplayPlayer, type ReplayPlayerProps } from './ReplayPlayer';
export { ReplayProvider, type ReplayProviderProps } from './ReplayProvider';
export { ReplaySpeed, type ReplaySpeedProps } from './ReplaySpeed';
export { ReplayContext, type ReplayContextValue, type ReplayTarget } from './replay-context';
export { type ReplayRoomStore, replayRoomStore } from './room-adapter';
export { useReplay, useReplayContext } from './useReplay';
