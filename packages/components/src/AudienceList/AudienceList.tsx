import type { Audience } from '@livesell/core/moderation';
import { Text, View } from '@tarojs/components';
import { type CSSProperties, useEffect, useState } from 'react';
import { useRoom } from '../hooks/useRoom';
import { useRoomContext } from '../hooks/useRoomContext';
import { MemberActions, type MemberActionsTarget } from '../MemberActions/MemberActions';
import { useStableId } from '../media-shared/stable-id';
import { pressable } from '../shared/a11y';
import { cx } from '../shared/cx';
import { describeError } from '../shared/error-message';
import { formatCount } from '../shared/format';
import { avatarInitial } from '../shared/initial';
import {
  DEFAULT_MODERATION_LABELS,
  type ModerationClient,
  type ModerationLabels,
  mayModerate,
  selectMyRole,
} from '../shared/moderation';
import { useDialogFocus } from '../shared/use-dialog-focus';
import '../theme/tokens.css';
import '../MemberActions/MemberActions.css';
import './AudienceList.css';

export interface AudienceListProps {
  /** Reads the audience (`audience({ count })`) and, for the host and admins, acts on a row. */
  moderation: ModerationClient;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Latest viewers to list. Default 100 (Tencent's online member list gives at most that many). */
  count?: number;
  labels?: Partial<ModerationLabels>;
  className?: string;
  style?: CSSProperties;
}

// Taro's Text has no `role` prop type; on H5 the attribute reaches the element.
const ALERT = { role: 'alert' };

type Load = { state: 'loading' } | { state: 'ready'; page: Audience } | { state: 'error'; message: string };

/**
 * The audience: the latest viewers (100 by default) and the room's total, in a bottom sheet opened
 * from the viewer count (`<RoomHeader onViewersPress>`). The host and admins get a "⋯" on each row
 * they may moderate, opening `MemberActions`. Names are rendered as text.
 */
export function AudienceList(props: AudienceListProps) {
  const { moderation, open, onOpenChange, count = 100, className, style } = props;
  const labels = { ...DEFAULT_MODERATION_LABELS, ...props.labels };
  const { liveSell } = useRoomContext();
  const myRole = useRoom(selectMyRole);
  const viewerCount = useRoom((s) => s.viewerCount);
  const sheetID = useStableId('ls-audience');
  const [target, setTarget] = useState<MemberActionsTarget | null>(null);
  // The member menu has its own focus trap: this one steps aside while it is open.
  useDialogFocus(sheetID, open && target === null, () => onOpenChange(false));
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [version, setVersion] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: version reloads after an action
  useEffect(() => {
    if (!open) return;
    let live = true;
    setLoad({ state: 'loading' });
    moderation
      .audience({ count })
      .then((page) => live && setLoad({ state: 'ready', page }))
      .catch((e: unknown) => live && setLoad({ state: 'error', message: describeError(e) }));
    return () => {
      live = false;
    };
  }, [open, moderation, count, version]);

  if (!open) return <View className={cx('ls-audience', className)} style={style} data-state="closed" />;

  const total = load.state === 'ready' ? Math.max(load.page.total, load.page.members.length) : viewerCount;
  const me = liveSell?.userID;
  return (
    <View className={cx('ls-audience', 'ls-audience--open', className)} style={style} data-state={load.state}>
      <View className="ls-audience__layer">
        <View className="ls-audience__backdrop" onClick={() => onOpenChange(false)} />
        <View
          id={sheetID}
          className="ls-audience__sheet"
          role="dialog"
          aria-modal="true"
          aria-label={labels.audienceTitle(formatCount(total))}
        >
          <View className="ls-audience__header">
            <Text className="ls-audience__title">{labels.audienceTitle(formatCount(total))}</Text>
            <View className="ls-audience__close" {...pressable(labels.close, () => onOpenChange(false))}>
              ×
            </View>
          </View>
          {load.state === 'loading' ? <Text className="ls-audience__hint">{labels.loading}</Text> : null}
          {load.state === 'error' ? (
            <Text className="ls-audience__hint ls-audience__hint--error" {...ALERT}>
              {load.message}
            </Text>
          ) : null}
          {load.state === 'ready' ? (
            <>
              <Text className="ls-audience__hint">
                {load.page.members.length === 0
                  ? labels.audienceEmpty
                  : labels.audienceShowing(load.page.members.length, formatCount(total))}
              </Text>
              <View className="ls-audience__list" role="list">
                {load.page.members.map((m) => {
                  const nick = m.nick || m.userID;
                  const badge = m.role === 'owner' ? labels.host : m.role === 'admin' ? labels.admin : '';
                  const self = m.userID === me;
                  return (
                    <View key={m.userID} className="ls-audience__row" role="listitem" data-user={m.userID}>
                      <View className="ls-audience__avatar" aria-hidden="true">
                        {avatarInitial(m.nick, m.userID)}
                      </View>
                      <Text className="ls-audience__nick">{nick}</Text>
                      {badge ? <Text className="ls-audience__badge">{badge}</Text> : null}
                      {self ? <Text className="ls-audience__badge">{labels.you}</Text> : null}
                      {!self && mayModerate(myRole, m.role) ? (
                        <View
                          className="ls-audience__action"
                          {...pressable(labels.rowMenu(nick), () =>
                            setTarget({ userID: m.userID, nick, role: m.role }),
                          )}
                          aria-haspopup="dialog"
                        >
                          ⋯
                        </View>
                      ) : null}
                    </View>
                  );
                })}
              </View>
            </>
          ) : null}
        </View>
      </View>
      <MemberActions
        moderation={moderation}
        target={target}
        labels={props.labels}
        onClose={() => setTarget(null)}
        onDone={() => setVersion((v) => v + 1)}
      />
    </View>
  );
}
