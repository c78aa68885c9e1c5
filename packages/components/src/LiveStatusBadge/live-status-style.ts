import type { LiveStatusCode } from '@livesell/core';

export const LIVE_STATUS_LABELS_EN: Readonly<Record<LiveStatusCode, string>> = {
  101: 'Live',
  102: 'Not started',
  103: 'Ended',
  104: 'Banned',
  105: 'Paused',
  106: 'Interrupted',
  107: 'Expired',
};

/** WeChat's own wording in the live-player-plugin. */
export const LIVE_STATUS_LABELS_ZH: Readonly<Record<LiveStatusCode, string>> = {
  101: '直播中',
  102: '未开始',
  103: '已结束',
  104: '禁播',
  105: '暂停中',
  106: '异常',
  107: '已过期',
};

/** Background/text pairs with at least 4.5:1 contrast for the badge's small text. */
export const LIVE_STATUS_COLORS: Readonly<Record<LiveStatusCode | 'unknown', { background: string; color: string }>> = {
  101: { background: '#d32f2f', color: '#ffffff' },
  102: { background: '#1565c0', color: '#ffffff' },
  103: { background: '#757575', color: '#ffffff' },
  104: { background: '#212121', color: '#ffffff' },
  105: { background: '#f9a825', color: '#000000' },
  106: { background: '#bf360c', color: '#ffffff' },
  107: { background: '#616161', color: '#ffffff' },
  unknown: { background: '#e0e0e0', color: '#000000' },
};
