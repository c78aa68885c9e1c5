import { Text, View } from '@tarojs/components';
import { type CSSProperties, useState } from 'react';
import { useRoom } from '../hooks/useRoom';
import { useStableId } from '../media-shared/stable-id';
import { pressable } from '../shared/a11y';
import { cx } from '../shared/cx';
import { describeError } from '../shared/error-message';
import {
  DEFAULT_MODERATION_LABELS,
  type ModerationClient,
  type ModerationLabels,
  MUTE_CHOICES,
  selectMyRole,
} from '../shared/moderation';
import { useDialogFocus } from '../shared/use-dialog-focus';
import '../theme/tokens.css';
import './MemberActions.css';

/** Who the menu acts on: a chat row's sender (with the message) or an audience member. */
export interface MemberActionsTarget {
  userID: string;
  nick: string;
  /** Their role in the room (`member`, `admin` …), when known. */
  role?: string;
  /** The message to delete (a chat row's IM message ID). */
  messageID?: string;
}

export interface MemberActionsProps {
  /** Host actions: `createModeration(liveSell)` from `@livesell/core/moderation`. */
  moderation: ModerationClient;
  /** The member the menu is open for; `null` closes it. */
  target: MemberActionsTarget | null;
  onClose: () => void;
  /** After an action succeeded, with the sentence announced to screen readers. */
  onDone?: (message: string) => void;
  labels?: Partial<ModerationLabels>;
  className?: string;
  style?: CSSProperties;
}

const STATUS = { role: 'status', 'aria-live': 'polite' };
const ALERT = { role: 'alert' };

/**
 * The host's (or an admin's) menu for one member: mute for 1 min, 10 min, 1 h or the rest of the
 * show, unmute, remove (optionally blocking re-entry), delete the message, and — for the owner —
 * appoint or dismiss an admin. A bottom sheet with `role="dialog"`: focus moves in, Escape closes
 * it and focus returns to the button that opened it (H5); weapp opens it with a long-press on a row.
 */
export function MemberActions(props: MemberActionsProps) {
  const { moderation, target, onClose, className, style } = props;
  const labels = { ...DEFAULT_MODERATION_LABELS, ...props.labels };
  const myRole = useRoom(selectMyRole);
  const sheetID = useStableId('ls-member-actions');
  const open = target !== null;
  useDialogFocus(sheetID, open, onClose);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [announced, setAnnounced] = useState('');

  const run = async (action: () => Promise<unknown>, done: string) => {
    if (busy) return;
    setBusy(true);
    setError('');
    try {
      await action();
      setAnnounced(done);
      props.onDone?.(done);
      onClose();
    } catch (cause) {
      setError(describeError(cause, { fallback: labels.failed }));
    } finally {
      setBusy(false);
    }
  };

  const item = (key: string, text: string, onPress: () => void, danger = false) => (
    <View
      key={key}
      className={cx('ls-member-actions__item', danger && 'ls-member-actions__item--danger')}
      data-action={key}
      {...pressable(text, onPress, { disabled: busy })}
    >
      {text}
    </View>
  );

  let body = null;
  if (target) {
    const nick = target.nick || target.userID;
    const id = target.userID;
    const isAdmin = target.role === 'admin';
    body = (
      <View className="ls-member-actions__layer">
        <View className="ls-member-actions__backdrop" onClick={onClose} />
        <View
          id={sheetID}
          className="ls-member-actions__sheet"
          role="dialog"
          aria-modal="true"
          aria-label={labels.menuTitle(nick)}
        >
          <Text className="ls-member-actions__title">{labels.menuTitle(nick)}</Text>
          <View className="ls-member-actions__group" role="group" aria-label={labels.mute('…')}>
            {MUTE_CHOICES.map((seconds) =>
              item(`mute-${seconds}`, labels.mute(labels.duration(seconds)), () =>
                run(() => moderation.mute(id, seconds), labels.muted(nick, labels.duration(seconds))),
              ),
            )}
            {item('unmute', labels.unmute, () => run(() => moderation.unmute(id), labels.unmuted(nick)))}
          </View>
          <View className="ls-member-actions__group">
            {target.messageID
              ? item(
                  'delete',
                  labels.deleteMessage,
                  () => run(() => moderation.deleteMessage(target.messageID as string), labels.deleted),
                  true,
                )
              : null}
            {item('remove', labels.remove, () => run(() => moderation.remove(id), labels.removed(nick)), true)}
            {item(
              'remove-block',
              labels.removeAndBlock,
              () => run(() => moderation.remove(id, { block: true }), labels.removed(nick)),
              true,
            )}
            {myRole === 'owner'
              ? item(isAdmin ? 'dismiss-admin' : 'make-admin', isAdmin ? labels.removeAdmin : labels.makeAdmin, () =>
                  run(() => moderation.setAdmin(id, !isAdmin), labels.adminSet(nick, !isAdmin)),
                )
              : null}
          </View>
          <Text className={cx('ls-member-actions__error', !error && 'ls-member-actions__error--hidden')} {...ALERT}>
            {error}
          </Text>
          {item('cancel', labels.cancel, onClose)}
        </View>
      </View>
    );
  }

  return (
    <View
      className={cx('ls-member-actions', open && 'ls-member-actions--open', className)}
      style={style}
      data-state={open ? 'open' : 'closed'}
    >
      <Text className="ls-member-actions__announce" {...STATUS}>
        {announced}
      </Text>
      {body}
    </View>
  );
}
