import type { ModerationSettings, ModerationSettingsPatch } from '@livesell/core/moderation';
import { FILTER_MODES, MAX_FILTER_WORD_CHARS } from '@livesell/core/protocol';
import { Input, Text, View } from '@tarojs/components';
import { type CSSProperties, type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { formatLeft } from '../DanmakuList/composer-state';
import { useRoom } from '../hooks/useRoom';
import { useServerNow } from '../hooks/useServerNow';
import { pressable } from '../shared/a11y';
import { cx } from '../shared/cx';
import { describeError } from '../shared/error-message';
import {
  DEFAULT_MODERATION_LABELS,
  isForTheShow,
  type ModerationClient,
  type ModerationLabels,
  selectMyRole,
} from '../shared/moderation';
import '../theme/tokens.css';
import './ModerationPanel.css';

export interface ModerationPanelProps {
  moderation: ModerationClient;
  /** Slow-mode choices in seconds (0 = off). Default 0, 3, 5, 10, 30, 60. */
  slowModeChoices?: readonly number[];
  /** Reads the settings again this often while shown, in ms (mutes made from the chat appear). Default 10000; 0 = never. */
  refreshMs?: number;
  labels?: Partial<ModerationLabels>;
  className?: string;
  style?: CSSProperties;
}

const STATUS = { role: 'status', 'aria-live': 'polite' };

function Group({ title, children, className }: { title: string; children: ReactNode; className: string }) {
  return (
    <View className={cx('ls-mod-panel__group', className)} role="group" aria-label={title}>
      <Text className="ls-mod-panel__heading">{title}</Text>
      {children}
    </View>
  );
}

/**
 * The host console's moderation panel: muted and removed viewers with undo, the blocked-word
 * list, the no-links switch, what happens to a filtered message, slow mode, and (owner only) the
 * room's admins. Every change goes to the server (`updateSettings`, `unmute`, `unblock`,
 * `setAdmin`), which enforces it before broadcast; the panel shows what the server answered.
 */
export function ModerationPanel(props: ModerationPanelProps) {
  const { moderation, slowModeChoices = [0, 3, 5, 10, 30, 60], refreshMs = 10_000, className, style } = props;
  const labels = { ...DEFAULT_MODERATION_LABELS, ...props.labels };
  const myRole = useRoom(selectMyRole);
  const [settings, setSettings] = useState<ModerationSettings | null>(null);
  const [status, setStatus] = useState<{ text: string; error: boolean }>({ text: '', error: false });
  const [busy, setBusy] = useState(false);
  const [word, setWord] = useState('');
  const [admin, setAdmin] = useState('');
  const serverNow = useServerNow(1000, !!settings && settings.muted.length > 0);
  const live = useRef(true);

  const reload = useCallback(async () => {
    try {
      const next = await moderation.settings();
      if (live.current) setSettings(next);
    } catch (e) {
      if (live.current) setStatus({ text: describeError(e), error: true });
    }
  }, [moderation]);

  useEffect(() => {
    live.current = true;
    void reload();
    const timer = refreshMs > 0 ? setInterval(() => void reload(), refreshMs) : undefined;
    return () => {
      live.current = false;
      if (timer !== undefined) clearInterval(timer);
    };
  }, [reload, refreshMs]);

  const run = async (action: () => Promise<unknown>) => {
    if (busy) return;
    setBusy(true);
    try {
      await action();
      await reload();
      if (live.current) setStatus({ text: labels.saved, error: false });
    } catch (e) {
      if (live.current) setStatus({ text: describeError(e, { fallback: labels.failed }), error: true });
    } finally {
      if (live.current) setBusy(false);
    }
  };
  const update = (patch: ModerationSettingsPatch) => run(() => moderation.updateSettings(patch));

  const words = settings?.words ?? [];
  const addWord = () => {
    const w = word.trim().slice(0, MAX_FILTER_WORD_CHARS);
    if (!w || words.indexOf(w) >= 0) return;
    setWord('');
    void update({ words: words.concat([w]) });
  };
  const addAdmin = () => {
    const id = admin.trim();
    if (!id) return;
    setAdmin('');
    void run(() => moderation.setAdmin(id, true));
  };

  const left = (u: ModerationSettings['muted'][number]) =>
    isForTheShow(u.until - serverNow) ? labels.forTheShow : labels.until(formatLeft(u.until - serverNow));

  const button = (key: string, text: string, onPress: () => void, opts: { label?: string; pressed?: boolean } = {}) => (
    <View
      key={key}
      className={cx('ls-mod-panel__btn', opts.pressed && 'ls-mod-panel__btn--on', busy && 'ls-mod-panel__btn--busy')}
      data-action={key}
      {...pressable(opts.label ?? text, onPress, { pressed: opts.pressed, disabled: busy })}
    >
      {text}
    </View>
  );

  /** A list of moderated viewers (muted or blocked): each row a name and its undo. */
  const people = <P extends { userID: string; nick: string }>(
    kind: 'muted' | 'blocked',
    title: string,
    none: string,
    list: readonly P[] | undefined,
    actions: (u: P) => ReactNode[],
  ) => (
    <Group title={title} className={`ls-mod-panel__${kind}`}>
      {settings && list && list.length === 0 ? <Text className="ls-mod-panel__empty">{none}</Text> : null}
      {(list ?? []).map((u) => (
        <View key={u.userID} className="ls-mod-panel__person" data-user={u.userID}>
          <Text className="ls-mod-panel__name">{u.nick || u.userID}</Text>
          {actions(u)}
        </View>
      ))}
    </Group>
  );

  const mode = settings?.filterMode ?? 'refuse';
  const slow = settings?.slowModeSeconds ?? 0;
  return (
    <View className={cx('ls-mod-panel', className)} style={style} data-state={settings ? 'ready' : 'loading'}>
      <Text className={cx('ls-mod-panel__status', status.error && 'ls-mod-panel__status--error')} {...STATUS}>
        {status.text}
      </Text>

      {people('muted', labels.mutedList, labels.noneMuted, settings?.muted, (u) => [
        <Text key="until" className="ls-mod-panel__until">
          {left(u)}
        </Text>,
        button(`unmute-${u.userID}`, labels.unmuteShort, () => void run(() => moderation.unmute(u.userID)), {
          label: labels.undoMute(u.nick || u.userID),
        }),
      ])}

      {people('blocked', labels.blockedList, labels.noneBlocked, settings?.blocked, (u) => [
        button(`unblock-${u.userID}`, labels.unblockShort, () => void run(() => moderation.unblock(u.userID)), {
          label: labels.undoBlock(u.nick || u.userID),
        }),
      ])}

      <Group title={labels.words} className="ls-mod-panel__words">
        {words.length === 0 && settings ? <Text className="ls-mod-panel__empty">{labels.noWords}</Text> : null}
        <View className="ls-mod-panel__chips" role="list">
          {words.map((w) => (
            <View key={w} className="ls-mod-panel__chip" role="listitem">
              <Text className="ls-mod-panel__chip-text">{w}</Text>
              <View
                className="ls-mod-panel__chip-remove"
                {...pressable(labels.removeWord(w), () => void update({ words: words.filter((x) => x !== w) }), {
                  disabled: busy,
                })}
              >
                ×
              </View>
            </View>
          ))}
        </View>
        <View className="ls-mod-panel__row">
          <Input
            className="ls-mod-panel__input ls-mod-panel__word-input"
            value={word}
            maxlength={MAX_FILTER_WORD_CHARS}
            placeholder={labels.wordPlaceholder}
            aria-label={labels.wordInput}
            nativeProps={{ 'aria-label': labels.wordInput }}
            onInput={(e) => setWord(e.detail.value)}
            onConfirm={addWord}
          />
          {button('add-word', labels.addWord, addWord, { label: `${labels.addWord}: ${labels.wordInput}` })}
        </View>
        <View className="ls-mod-panel__row">
          {button('no-links', labels.noLinks, () => void update({ noLinks: !settings?.noLinks }), {
            pressed: !!settings?.noLinks,
          })}
        </View>
        <Text className="ls-mod-panel__label">{labels.filterMode}</Text>
        <View className="ls-mod-panel__row ls-mod-panel__row--wrap" role="group" aria-label={labels.filterMode}>
          {FILTER_MODES.map((m) =>
            button(
              `filter-${m}`,
              m === 'refuse' ? labels.filterRefuse : labels.filterSenderOnly,
              () => void update({ filterMode: m }),
              { pressed: mode === m },
            ),
          )}
        </View>
      </Group>

      <Group title={labels.slowMode} className="ls-mod-panel__slow">
        <View className="ls-mod-panel__row ls-mod-panel__row--wrap">
          {slowModeChoices.map((s) =>
            button(
              `slow-${s}`,
              s === 0 ? labels.slowModeValue(0) : `${s} s`,
              () => void update({ slowModeSeconds: s }),
              {
                label: `${labels.slowMode}: ${labels.slowModeValue(s)}`,
                pressed: slow === s,
              },
            ),
          )}
        </View>
      </Group>

      <Group title={labels.admins} className="ls-mod-panel__admins">
        {settings && settings.admins.length === 0 ? (
          <Text className="ls-mod-panel__empty">{labels.noAdmins}</Text>
        ) : null}
        {(settings?.admins ?? []).map((id) => (
          <View key={id} className="ls-mod-panel__person" data-user={id}>
            <Text className="ls-mod-panel__name">{id}</Text>
            {myRole === 'owner'
              ? button(`dismiss-${id}`, '×', () => void run(() => moderation.setAdmin(id, false)), {
                  label: labels.removeAdminOf(id),
                })
              : null}
          </View>
        ))}
        {myRole === 'owner' ? (
          <View className="ls-mod-panel__row">
            <Input
              className="ls-mod-panel__input ls-mod-panel__admin-input"
              value={admin}
              maxlength={64}
              placeholder={labels.adminPlaceholder}
              aria-label={labels.adminInput}
              nativeProps={{ 'aria-label': labels.adminInput }}
              onInput={(e) => setAdmin(e.detail.value)}
              onConfirm={addAdmin}
            />
            {button('add-admin', labels.addAdmin, addAdmin, { label: `${labels.addAdmin}: ${labels.adminInput}` })}
          </View>
        ) : (
          <Text className="ls-mod-panel__empty">{labels.ownerOnly}</Text>
        )}
      </Group>
    </View>
  );
}
