import type { LiveSellError } from '@livesell/core';
import { Image, Text, View } from '@tarojs/components';
import { type CSSProperties, type ReactNode, useState } from 'react';
import { useRoom, useRoomActions } from '../hooks/useRoom';
import { useRoomContext } from '../hooks/useRoomContext';
import { pressable } from '../shared/a11y';
import { cx } from '../shared/cx';
import { formatCount } from '../shared/format';
import { avatarInitial } from '../shared/initial';
import { safeImageSrc } from '../shared/safe-src';
import { toLiveSellError } from '../shared/to-live-sell-error';
import '../theme/tokens.css';
import './RoomHeader.css';

export interface RoomHeaderLabels {
  follow: string;
  following: string;
  /** Accessible names of the follow button. */
  followHost: (nick: string) => string;
  unfollowHost: (nick: string) => string;
  viewers: (count: string) => string;
  /** Accessible name of the viewer count when it opens the audience list (`onViewersPress`). */
  showAudience: (count: string) => string;
  /** Text alternative of the host's avatar image. */
  avatar: (nick: string) => string;
}

export const DEFAULT_ROOM_HEADER_LABELS: RoomHeaderLabels = {
  follow: 'Follow',
  following: 'Following',
  followHost: (nick) => `Follow ${nick}`,
  unfollowHost: (nick) => `Unfollow ${nick}`,
  viewers: (count) => `${count} watching`,
  showAudience: (count) => `${count} watching: show the audience`,
  avatar: (nick) => `${nick}'s avatar`,
};

export interface RoomHeaderProps {
  /** Extra content on the right (a status badge, a close button …). */
  children?: ReactNode;
  labels?: Partial<RoomHeaderLabels>;
  /** Show the viewer count. Default true. */
  showViewers?: boolean;
  /** Makes the viewer count a button, e.g. opening `<AudienceList>`. */
  onViewersPress?: () => void;
  onFollowChange?: (following: boolean) => void;
  onError?: (error: LiveSellError) => void;
  className?: string;
  style?: CSSProperties;
}

/**
 * The host's avatar and name, a follow/unfollow toggle (`attention` / `cancelAttention`; the
 * store turns when the message is sent) and the viewer count. Hosts see no follow button.
 */
export function RoomHeader(props: RoomHeaderProps) {
  const { className, style, children, showViewers = true } = props;
  const labels = { ...DEFAULT_ROOM_HEADER_LABELS, ...props.labels };
  const { liveSell } = useRoomContext();
  const actions = useRoomActions();
  const host = useRoom((s) => s.host);
  const following = useRoom((s) => s.following);
  const viewers = useRoom((s) => s.viewerCount);
  const [pending, setPending] = useState(false);

  const nick = host?.nick || host?.userID || '';
  const isHost = !!host && !!liveSell && host.userID === liveSell.userID;
  const avatar = safeImageSrc(host?.avatar);

  const toggle = async () => {
    if (pending) return;
    setPending(true);
    const next = !following;
    try {
      await (next ? actions.follow() : actions.unfollow());
      props.onFollowChange?.(next);
    } catch (cause) {
      props.onError?.(toLiveSellError(cause));
    } finally {
      setPending(false);
    }
  };

  const followState = pending ? 'pending' : following ? 'following' : 'not-following';
  return (
    <View className={cx('ls-header', className)} style={style} data-state={host ? 'ready' : 'loading'}>
      <View className="ls-header__host">
        {avatar ? (
          <Image
            className="ls-header__avatar"
            src={avatar}
            mode="aspectFill"
            nativeProps={{ alt: labels.avatar(nick) }}
          />
        ) : (
          <View className="ls-header__avatar ls-header__avatar--empty" aria-hidden="true">
            {host ? avatarInitial(host.nick, host.userID) : ''}
          </View>
        )}
        <View className="ls-header__meta">
          <Text className="ls-header__name">{nick}</Text>
          {props.onViewersPress && showViewers ? (
            <View
              className="ls-header__viewers ls-header__viewers--button"
              {...pressable(labels.showAudience(formatCount(viewers)), props.onViewersPress)}
              aria-haspopup="dialog"
            >
              {labels.viewers(formatCount(viewers))}
            </View>
          ) : (
            <Text className={cx('ls-header__viewers', !showViewers && 'ls-header__viewers--hidden')}>
              {labels.viewers(formatCount(viewers))}
            </Text>
          )}
        </View>
        <View
          className={cx(
            'ls-header__follow',
            `ls-header__follow--${followState}`,
            (isHost || !host) && 'ls-header__follow--hidden',
          )}
          data-state={followState}
          {...pressable(following ? labels.unfollowHost(nick) : labels.followHost(nick), () => void toggle(), {
            pressed: following,
            busy: pending,
            disabled: isHost || !host,
          })}
        >
          {following ? labels.following : labels.follow}
        </View>
      </View>
      <View className="ls-header__extra">{children}</View>
    </View>
  );
}
