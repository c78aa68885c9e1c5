export { DanmakuList, type DanmakuListProps } from './DanmakuList';
export type { DanmakuBadge } from './DanmakuRowView';
export { type DanmakuLabels, DEFAULT_DANMAKU_LABELS } from './labels';
