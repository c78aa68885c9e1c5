import type { DanmakuRow, DanmakuSlot } from '@livesell/core';
import { Text, View } from '@tarojs/components';
import { memo } from 'react';
import { pressable } from '../shared/a11y';
import { cx } from '../shared/cx';
import { replaceEmoji } from '../shared/emoji';
import { ROW_MENU } from './row-menu';

/** A level (e.g. fan level) and/or a short tag an app shows before a viewer's name. */
export interface DanmakuBadge {
  level?: number;
  text?: string;
}

export interface RowConfig {
  idPrefix: string;
  /** Ring size: a slot's lap (`(seq - 1) / size`) restarts its entry animation. */
  size: number;
  host: string;
  admin: string;
  system: string;
  emoji: Readonly<Record<string, string>> | false | undefined;
  badgeOf: (row: DanmakuRow) => DanmakuBadge | undefined;
  /** The host's and admins' member menu: which rows get it, how it opens, the button's name. */
  menu?: RowMenu;
}

export interface RowMenu {
  can: (row: DanmakuRow) => boolean;
  open: (row: DanmakuRow) => void;
  label: (nick: string) => string;
}

const HAS_POPUP = { 'aria-haspopup': 'dialog' };

interface Props {
  slot: DanmakuSlot;
  config: RowConfig;
}

function roleBadge(row: DanmakuRow, config: RowConfig): [string, string] | null {
  if (row.isHost || row.role === 'owner') return ['host', config.host];
  if (row.role === 'admin') return ['admin', config.admin];
  if (row.role === 'server') return ['system', config.system];
  return null;
}

/**
 * One ring slot. Slots never move in the list: `order: seq` puts them in time order visually, so
 * a new message re-renders (and on weapp re-sends) only the slot it lands in.
 */
function SlotView({ slot, config }: Props) {
  const id = `${config.idPrefix}-${slot.key}`;
  if (slot.empty) return <View id={id} className="ls-danmaku__row ls-danmaku__row--empty" />;
  const role = roleBadge(slot, config);
  const badge = slot.role === 'member' ? config.badgeOf(slot) : undefined;
  const text = config.emoji === false ? slot.text : replaceEmoji(slot.text, config.emoji);
  const menu = config.menu?.can(slot) ? config.menu : undefined;
  const nick = slot.nick || slot.userID;
  return (
    <View
      id={id}
      className={cx(
        'ls-danmaku__row',
        `ls-danmaku__row--lap${Math.floor((slot.seq - 1) / config.size) % 2}`,
        role && `ls-danmaku__row--${role[0]}`,
        slot.isSelf && 'ls-danmaku__row--self',
        menu && 'ls-danmaku__row--actionable',
        (slot as DanmakuRow & { earlier?: boolean }).earlier && 'ls-danmaku__row--earlier',
      )}
      style={{ order: slot.seq }}
      onLongPress={menu && ROW_MENU === 'longpress' ? () => menu.open(slot) : undefined}
    >
      <View className="ls-danmaku__bubble">
        {role ? <Text className={`ls-danmaku__badge ls-danmaku__badge--${role[0]}`}>{role[1]}</Text> : null}
        {badge?.level !== undefined ? <Text className="ls-danmaku__level">Lv{badge.level}</Text> : null}
        {badge?.text ? <Text className="ls-danmaku__tag">{badge.text}</Text> : null}
        <Text className="ls-danmaku__nick">{nick}</Text>
        <Text className="ls-danmaku__text">{text}</Text>
        {slot.count > 1 ? <Text className="ls-danmaku__count">×{slot.count}</Text> : null}
      </View>
      {menu && ROW_MENU === 'button' ? (
        <View className="ls-danmaku__more" {...pressable(menu.label(nick), () => menu.open(slot))} {...HAS_POPUP}>
          ⋯
        </View>
      ) : null}
    </View>
  );
}

export const DanmakuSlotView = memo(SlotView);
