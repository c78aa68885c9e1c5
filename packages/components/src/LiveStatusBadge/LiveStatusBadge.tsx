import { isLiveStatusCode, LIVE_STATUS_NAME, type LiveStatusCode } from '@livesell/core';
import { View } from '@tarojs/components';
import type { CSSProperties } from 'react';
import { LIVE_STATUS_COLORS, LIVE_STATUS_LABELS_EN } from './live-status-style';

export interface LiveStatusBadgeProps {
  /** A WeChat live status code (101–107); anything else shows as unknown. */
  status: LiveStatusCode | number | null | undefined;
  /** Text per code, e.g. `LIVE_STATUS_LABELS_ZH`. Default English. */
  labels?: Partial<Record<LiveStatusCode, string>>;
  unknownLabel?: string;
  /** Prefix of the accessible name ("Live status: Live"). */
  ariaLabelPrefix?: string;
  className?: string;
  style?: CSSProperties;
}

/**
 * The status of a live room as a small coloured label. Exposes `data-state` (`live`,
 * `not-started`, … or `unknown`), `data-status` (the code) and the class
 * `ls-live-status-badge--<state>` for styling; it is a polite `status` region, so a change
 * (e.g. live → ended) is announced.
 */
export function LiveStatusBadge(props: LiveStatusBadgeProps) {
  const { status, labels, unknownLabel = 'Unknown', ariaLabelPrefix = 'Live status', className, style } = props;
  const code = isLiveStatusCode(status) ? status : null;
  const label = code === null ? unknownLabel : (labels?.[code] ?? LIVE_STATUS_LABELS_EN[code]);
  const colors = LIVE_STATUS_COLORS[code ?? 'unknown'];
  const state = code === null ? 'unknown' : LIVE_STATUS_NAME[code];
  return (
    <View
      role="status"
      aria-label={`${ariaLabelPrefix}: ${label}`}
      data-state={state}
      data-status={code === null ? '' : String(code)}
      // The modifier class carries the state on weapp too, where templates drop data-* attributes.
      className={['ls-live-status-badge', `ls-live-status-badge--${state}`, className].filter(Boolean).join(' ')}
      style={{
        display: 'inline-block',
        padding: '2px 8px',
        borderRadius: '4px',
        fontSize: '12px',
        lineHeight: '18px',
        backgroundColor: colors.background,
        color: colors.color,
        ...style,
      }}
    >
      {label}
    </View>
  );
}
