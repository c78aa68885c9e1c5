import type { DanmakuRing, DanmakuRow, LiveSellError, SendMessageResult } from '@livesell/core';
import { View } from '@tarojs/components';
import { type CSSProperties, useCallback, useMemo, useRef, useState } from 'react';
import { useRoom } from '../hooks/useRoom';
import { MemberActions, type MemberActionsTarget } from '../MemberActions/MemberActions';
import { pressable } from '../shared/a11y';
import { cx } from '../shared/cx';
import { EMOJI_SHORTCODES } from '../shared/emoji';
import type { ErrorMessages } from '../shared/error-message';
import {
  DEFAULT_MODERATION_LABELS,
  type ModerationClient,
  type ModerationLabels,
  mayModerate,
  selectMyRole,
} from '../shared/moderation';
import { DanmakuInput } from './DanmakuInput';
import { type DanmakuBadge, DanmakuSlotView, type RowConfig, type RowMenu } from './DanmakuRowView';
import { DanmakuViewport } from './danmaku-viewport';
import { type DanmakuLabels, DEFAULT_DANMAKU_LABELS } from './labels';
import { slotsInRenderOrder } from './slot-order';
import '../theme/tokens.css';
import './DanmakuList.css';

export interface DanmakuListProps {
  className?: string;
  style?: CSSProperties;
  /** Show the composer under the list. Default true. */
  showInput?: boolean;
  /** Longest message a viewer may send, in characters. Default 100. */
  maxLength?: number;
  /** A viewer's level or tag (e.g. from your membership data); read when a row renders. */
  badgeOf?: (row: DanmakuRow) => DanmakuBadge | undefined;
  /** Shortcode table (`[smile]` → 😊); `false` shows shortcodes as typed. Pass a constant. */
  emoji?: Readonly<Record<string, string>> | false;
  labels?: Partial<DanmakuLabels>;
  errorMessages?: ErrorMessages;
  onSend?: (result: SendMessageResult) => void;
  onSendError?: (error: LiveSellError) => void;
  /**
   * Host actions (`createModeration(liveSell)` from `@livesell/core/moderation`). Given, the room's
   * owner and admins get a member menu on the rows they may moderate: a "⋯" button on H5, a
   * long-press on weapp (mute, remove, delete the message).
   */
  moderation?: ModerationClient;
  moderationLabels?: Partial<ModerationLabels>;
}

let lists = 0;
const noBadge = () => undefined;

/**
 * The room's chat: newest at the bottom, following new messages unless the viewer scrolled up
 * (then an "N new" chip jumps back down). It renders the store's fixed ring of slots with stable
 * keys, so it never shows more rows than the ring holds and a new message touches one slot (on
 * weapp the slots stay in place; on H5 they are kept in time order for screen readers).
 */
export function DanmakuList(props: DanmakuListProps) {
  const { className, style, showInput = true, maxLength = 100, emoji = EMOJI_SHORTCODES } = props;
  // Stable across the list's own re-renders (one per commit), so the memoised composer is skipped.
  const labels = useMemo(() => ({ ...DEFAULT_DANMAKU_LABELS, ...props.labels }), [props.labels]);
  const ring: DanmakuRing = useRoom((s) => s.danmaku);
  const [pinned, setPinned] = useState(true);
  const [seenSeq, setSeenSeq] = useState(0);
  const [idPrefix] = useState(() => `ls-dm${++lists}`);

  const badgeOf = useRef(props.badgeOf ?? noBadge);
  badgeOf.current = props.badgeOf ?? noBadge;
  const stableBadgeOf = useCallback((row: DanmakuRow) => badgeOf.current(row), []);
  const myRole = useRoom(selectMyRole);
  const [target, setTarget] = useState<MemberActionsTarget | null>(null);
  const menuLabel = props.moderationLabels?.rowMenu ?? DEFAULT_MODERATION_LABELS.rowMenu;
  const hasModeration = !!props.moderation;
  const menu = useMemo<RowMenu | undefined>(() => {
    if (!hasModeration || myRole === 'member') return undefined;
    return {
      can: (row) => !row.isSelf && mayModerate(myRole, row.isHost ? 'owner' : row.role),
      open: (row) => setTarget({ userID: row.userID, nick: row.nick || row.userID, role: row.role, messageID: row.id }),
      label: menuLabel,
    };
  }, [hasModeration, myRole, menuLabel]);
  const config = useMemo<RowConfig>(
    () => ({
      idPrefix,
      size: ring.slots.length,
      host: labels.host,
      admin: labels.admin,
      system: labels.system,
      emoji,
      badgeOf: stableBadgeOf,
      menu,
    }),
    [idPrefix, ring.slots.length, labels.host, labels.admin, labels.system, emoji, stableBadgeOf, menu],
  );

  const onPinnedChange = useCallback(
    (next: boolean) => {
      setPinned(next);
      if (!next) setSeenSeq(ring.newestSeq);
    },
    [ring.newestSeq],
  );

  const unseen = pinned ? 0 : Math.max(0, ring.newestSeq - seenSeq);
  const newest = ring.newestSeq > 0 ? ring.slots[(ring.newestSeq - 1) % ring.slots.length] : undefined;
  const chipLabel = labels.newMessages(unseen);

  return (
    <View className={cx('ls-danmaku', className)} style={style}>
      <View className="ls-danmaku__frame">
        <DanmakuViewport
          className="ls-danmaku__viewport"
          pinned={pinned}
          version={ring.newestSeq}
          targetId={newest ? `${idPrefix}-${newest.key}` : ''}
          onPinnedChange={onPinnedChange}
        >
          <View className="ls-danmaku__rows" role="log" aria-label={labels.list} aria-live="polite">
            {slotsInRenderOrder(ring).map((slot) => (
              <DanmakuSlotView key={slot.key} slot={slot} config={config} />
            ))}
          </View>
        </DanmakuViewport>
        <View
          className={cx('ls-danmaku__chip', unseen === 0 && 'ls-danmaku__chip--hidden')}
          data-state={unseen === 0 ? 'hidden' : 'visible'}
          {...pressable(`${chipLabel}. ${labels.jumpToLatest}`, () => setPinned(true), { disabled: unseen === 0 })}
        >
          {chipLabel}
        </View>
      </View>
      {showInput ? (
        <DanmakuInput
          maxLength={maxLength}
          labels={labels}
          errorMessages={props.errorMessages}
          onSend={props.onSend}
          onSendError={props.onSendError}
        />
      ) : null}
      {props.moderation ? (
        <MemberActions
          moderation={props.moderation}
          target={target}
          labels={props.moderationLabels}
          onClose={() => setTarget(null)}
        />
      ) : null}
    </View>
  );
}
