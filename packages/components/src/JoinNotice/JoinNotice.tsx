import { formatNotice, type RoomNotice } from '@livesell/core';
import { Text, View } from '@tarojs/components';
import type { CSSProperties } from 'react';
import { useRoom } from '../hooks/useRoom';
import { cx } from '../shared/cx';
import '../theme/tokens.css';
import './JoinNotice.css';

export interface JoinNoticeProps {
  /** The notice's text. Default: "A, B and 37 others joined" (`formatNotice` from the core). */
  format?: (notice: RoomNotice) => string;
  className?: string;
  style?: CSSProperties;
}

/**
 * "A, B and 37 others joined": the latest burst of joins (or follows) from the store, which
 * throttles a flood of joins into one notice. Slides in and fades by CSS.
 */
export function JoinNotice({ format = formatNotice, className, style }: JoinNoticeProps) {
  const notice = useRoom((s) => s.notices[s.notices.length - 1]);
  return (
    <View
      className={cx('ls-join', className)}
      style={style}
      aria-live="polite"
      data-state={notice ? 'visible' : 'empty'}
    >
      {notice ? (
        <View key={notice.key} className={`ls-join__item ls-join__item--${notice.kind}`} data-kind={notice.kind}>
          <Text className="ls-join__text">{format(notice)}</Text>
        </View>
      ) : null}
    </View>
  );
}
