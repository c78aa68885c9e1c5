export { LiveStatusBadge, type LiveStatusBadgeProps } from './LiveStatusBadge';
export { LIVE_STATUS_COLORS, LIVE_STATUS_LABELS_EN, LIVE_STATUS_LABELS_ZH } from './live-status-style';
