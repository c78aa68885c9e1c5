import type { LiveSellError, SendMessageResult } from '@livesell/core';
import { Input, Text, View } from '@tarojs/components';
import { memo, useState } from 'react';
import { useRoomActions } from '../hooks/useRoom';
import { useRoomContext } from '../hooks/useRoomContext';
import { pressable } from '../shared/a11y';
import { cx } from '../shared/cx';
import { describeError, type ErrorMessages } from '../shared/error-message';
import { toLiveSellError } from '../shared/to-live-sell-error';
import { type ComposerLimit, detailNumber, formatLeft, refusalOf, useComposerLimit } from './composer-state';
import type { DanmakuLabels } from './labels';

export interface DanmakuInputProps {
  maxLength: number;
  labels: DanmakuLabels;
  errorMessages?: ErrorMessages;
  onSend?: (result: SendMessageResult) => void;
  onSendError?: (error: LiveSellError) => void;
}

type Phase = 'idle' | 'sending' | 'error';

// Taro's Text has no `role` prop type; on H5 the attribute reaches the element.
const ALERT = { role: 'alert' };

/** Characters as a viewer counts them (an emoji is one). */
function length(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

function limitText(limit: ComposerLimit, labels: DanmakuLabels): string {
  if (limit.kind === 'muted') return limit.forShow ? labels.mutedForShow : labels.muted(formatLeft(limit.leftMs));
  if (limit.kind === 'slow') return labels.slowMode(limit.leftSeconds);
  return '';
}

/**
 * The composer under the list: send on the button or the keyboard's send key. While the viewer is
 * muted or waiting out slow mode it says so, with the time left ("Muted · 9:41 left", "You can send
 * again in 4 s"); the server stays the judge, so a send is still attempted and its refusal shown.
 */
export const DanmakuInput = memo(function DanmakuInput({
  maxLength,
  labels,
  errorMessages,
  onSend,
  onSendError,
}: DanmakuInputProps) {
  const actions = useRoomActions();
  const { clock, store } = useRoomContext();
  const serverNow = () => clock.now() + store.getState().serverTimeOffset;
  const [text, setText] = useState('');
  const [phase, setPhase] = useState<Phase>('idle');
  const [error, setError] = useState('');
  // What refused the last send, when it was a mute or slow mode.
  const [refused, setRefused] = useState<'muted' | 'slow' | null>(null);
  const limit = useComposerLimit();
  const limited = limitText(limit, labels);
  const trimmed = text.trim();
  const tooLong = length(trimmed) > maxLength;
  const canSend = trimmed.length > 0 && !tooLong && phase !== 'sending';

  const send = async () => {
    if (!canSend) {
      if (tooLong) {
        setPhase('error');
        setError(labels.tooLong(maxLength));
      }
      return;
    }
    setPhase('sending');
    setError('');
    try {
      const result = await actions.sendMessage(trimmed);
      setText('');
      setPhase('idle');
      onSend?.(result);
    } catch (cause) {
      const e = toLiveSellError(cause);
      setPhase('error');
      const kind = refusalOf(e);
      setRefused(kind === 'muted' || kind === 'slow' ? kind : null);
      setError(refusalMessage(e));
      onSendError?.(e);
    }
  };

  const refusalMessage = (e: LiveSellError): string => {
    const refusal = refusalOf(e);
    if (refusal === 'filtered') return labels.filtered;
    if (refusal === 'slow') {
      // The server says when the next send may go (its clock, ms).
      const next = detailNumber(e, 'nextSendAt');
      const now = serverNow();
      return next !== undefined && next > now
        ? labels.slowMode(Math.ceil((next - now) / 1000))
        : labels.slowModeRefused;
    }
    if (refusal === 'muted') {
      const until = detailNumber(e, 'muteUntil', 'mutedUntil');
      // The store learns the mute too; its countdown (below the field) is the live one.
      const now = serverNow();
      return until !== undefined && until > now ? labels.muted(formatLeft(until - now)) : labels.mutedRefused;
    }
    return describeError(e, errorMessages);
  };
  // The countdown under the field already says how long: the alert then just says no (it does not
  // tick, so a screen reader hears it once).
  const shownError =
    phase === 'error' && refused !== null && refused === limit.kind
      ? refused === 'muted'
        ? labels.mutedRefused
        : labels.slowModeRefused
      : error;
  const state = phase !== 'idle' ? phase : limit.kind === 'none' ? 'idle' : limit.kind;

  return (
    <View className={`ls-danmaku__composer ls-danmaku__composer--${state}`} data-state={state}>
      <View className="ls-danmaku__field">
        <Input
          className="ls-danmaku__input"
          value={text}
          maxlength={maxLength}
          placeholder={limited || labels.placeholder}
          placeholderClass="ls-danmaku__placeholder"
          confirmType="send"
          aria-label={labels.input}
          nativeProps={{ 'aria-label': labels.input }}
          onInput={(event) => {
            setText(event.detail.value);
            if (phase === 'error') {
              setPhase('idle');
              setError('');
            }
          }}
          onConfirm={() => {
            void send();
          }}
        />
        <View
          className={cx('ls-danmaku__send', !canSend && 'ls-danmaku__send--disabled')}
          {...pressable(phase === 'sending' ? labels.sending : labels.send, () => void send(), {
            disabled: !canSend,
            busy: phase === 'sending',
          })}
        >
          {phase === 'sending' ? labels.sending : labels.send}
        </View>
      </View>
      <Text className={cx('ls-danmaku__error', !shownError && 'ls-danmaku__error--hidden')} {...ALERT}>
        {shownError}
      </Text>
      <Text className={cx('ls-danmaku__limit', !limited && 'ls-danmaku__limit--hidden')} data-limit={limit.kind}>
        {limited}
      </Text>
    </View>
  );
});
