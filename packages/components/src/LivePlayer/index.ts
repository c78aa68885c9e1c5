export {
  DEFAULT_PLAYER_SLATE_LABELS,
  LivePlayer,
  type LivePlayerHandle,
  type LivePlayerProps,
  type PlayerSlateLabels,
} from './LivePlayer';
