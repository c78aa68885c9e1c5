import type { RemovedReason } from '@livesell/core';
import { Text, View } from '@tarojs/components';
import type { CSSProperties } from 'react';
import { useRoom } from '../hooks/useRoom';
import { useStableId } from '../media-shared/stable-id';
import { pressable } from '../shared/a11y';
import { cx } from '../shared/cx';
import { DEFAULT_MODERATION_LABELS, type ModerationLabels, selectRemoved } from '../shared/moderation';
import { useDialogFocus } from '../shared/use-dialog-focus';
import '../theme/tokens.css';
import '../MemberActions/MemberActions.css';
import './RemovedNotice.css';

export interface RemovedNoticeProps {
  /**
   * Why this viewer is out. Default: the store's `removed` (the host removed them while they
   * watched); pass it when the app learns it otherwise (re-entry refused while blocked).
   */
  reason?: RemovedReason | null;
  /** The OK button (leave the page); without it the notice has no button. */
  onLeave?: () => void;
  labels?: Partial<Pick<ModerationLabels, 'removedTitle' | 'removedReason' | 'leave'>>;
  className?: string;
  style?: CSSProperties;
}

/**
 * Shown when the host or an admin took this viewer out of the room: a modal alert with the typed,
 * translated reason (removed, or removed and blocked for the rest of the show). Renders nothing
 * while the viewer is in the room.
 */
export function RemovedNotice(props: RemovedNoticeProps) {
  const labels = { ...DEFAULT_MODERATION_LABELS, ...props.labels };
  const fromStore = useRoom(selectRemoved);
  const reason = props.reason !== undefined && props.reason !== null ? props.reason : fromStore?.reason;
  const id = useStableId('ls-removed');
  const leave = props.onLeave;
  useDialogFocus(id, !!reason && !!leave, () => leave?.());
  if (!reason) return null;
  return (
    <View className={cx('ls-removed', props.className)} style={props.style} data-state={reason}>
      <View id={id} className="ls-removed__card" role="alertdialog" aria-modal="true" aria-label={labels.removedTitle}>
        <Text className="ls-removed__title">{labels.removedTitle}</Text>
        <Text className="ls-removed__reason">{labels.removedReason(reason)}</Text>
        {leave ? (
          <View className="ls-removed__ok" {...pressable(labels.leave, leave)}>
            {labels.leave}
          </View>
        ) : null}
      </View>
    </View>
  );
}
