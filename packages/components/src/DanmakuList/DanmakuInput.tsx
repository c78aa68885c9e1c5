import type { LiveSellError, SendMessageResult } from '@livesell/core';
import { Input, Text, View } from '@tarojs/components';
import { memo, useState } from 'react';
import { useRoomActions } from '../hooks/useRoom';
import { pressable } from '../shared/a11y';
import { cx } from '../shared/cx';
import { describeError, type ErrorMessages } from '../shared/error-message';
import { toLiveSellError } from '../shared/to-live-sell-error';
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

/** The composer under the list: send on the button or the keyboard's send key. */
export const DanmakuInput = memo(function DanmakuInput({
  maxLength,
  labels,
  errorMessages,
  onSend,
  onSendError,
}: DanmakuInputProps) {
  const actions = useRoomActions();
  const [text, setText] = useState('');
  const [phase, setPhase] = useState<Phase>('idle');
  const [error, setError] = useState('');
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
      setError(describeError(e, errorMessages));
      onSendError?.(e);
    }
  };

  return (
    <View className={`ls-danmaku__composer ls-danmaku__composer--${phase}`} data-state={phase}>
      <View className="ls-danmaku__field">
        <Input
          className="ls-danmaku__input"
          value={text}
          maxlength={maxLength}
          placeholder={labels.placeholder}
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
      <Text className={cx('ls-danmaku__error', !error && 'ls-danmaku__error--hidden')} {...ALERT}>
        {error}
      </Text>
    </View>
  );
});
