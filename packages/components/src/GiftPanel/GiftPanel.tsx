import type { LiveSellError } from '@livesell/core';
import { Image, Text, View } from '@tarojs/components';
import { type CSSProperties, useState } from 'react';
import { useRoomActions } from '../hooks/useRoom';
import { useStableId } from '../media-shared/stable-id';
import { pressable } from '../shared/a11y';
import { cx } from '../shared/cx';
import { describeError, type ErrorMessages } from '../shared/error-message';
import { formatPrice } from '../shared/format';
import { safeImageSrc } from '../shared/safe-src';
import { toLiveSellError } from '../shared/to-live-sell-error';
import { useControllableState } from '../shared/use-controllable-state';
import { useDialogFocus } from '../shared/use-dialog-focus';
import { type GiftItem, giftExtension } from './types';
import '../theme/tokens.css';
import './GiftPanel.css';

export interface GiftPanelLabels {
  title: string;
  close: string;
  send: string;
  /** Accessible name of a gift cell. */
  gift: (gift: GiftItem, price: string) => string;
  sent: (gift: GiftItem) => string;
}

export const DEFAULT_GIFT_PANEL_LABELS: GiftPanelLabels = {
  title: 'Send a gift',
  close: 'Close gifts',
  send: 'Send',
  gift: (gift, price) => `${gift.name}, ${price}`,
  sent: (gift) => `${gift.name} sent`,
};

export interface GiftPanelProps {
  gifts: readonly GiftItem[];
  open?: boolean;
  defaultOpen?: boolean;
  onOpenChange?: (open: boolean) => void;
  /** Price text of a gift. Default: cents as "¥1.90". */
  formatPrice?: (gift: GiftItem) => string;
  /** Runs before a gift is sent (charge coins here); resolve `false` to cancel. */
  beforeSend?: (gift: GiftItem) => boolean | undefined | Promise<boolean | undefined>;
  onSend?: (gift: GiftItem) => void;
  onSendError?: (error: LiveSellError, gift: GiftItem) => void;
  errorMessages?: ErrorMessages;
  labels?: Partial<GiftPanelLabels>;
  className?: string;
  style?: CSSProperties;
}

type Status = { state: 'idle' } | { state: 'sending' | 'sent'; gift: GiftItem } | { state: 'error'; message: string };

const defaultPrice = (gift: GiftItem) => formatPrice(gift.price);

/**
 * The gift picker, a bottom sheet: pick a gift, send it (`liveSell.gift`, High priority). Sending
 * again quickly makes a combo on every screen. Renders nothing but its root while closed.
 */
export function GiftPanel(props: GiftPanelProps) {
  const { gifts, className, style, formatPrice: price = defaultPrice } = props;
  const labels = { ...DEFAULT_GIFT_PANEL_LABELS, ...props.labels };
  const actions = useRoomActions();
  const [open, setOpen] = useControllableState(props.open, props.defaultOpen ?? false, props.onOpenChange);
  const sheetID = useStableId('ls-gift-panel');
  useDialogFocus(sheetID, open, () => setOpen(false));
  const [picked, setPicked] = useState<string | undefined>(gifts[0]?.id);
  const [status, setStatus] = useState<Status>({ state: 'idle' });
  const selected = gifts.find((g) => g.id === picked) ?? gifts[0];

  const send = async (gift: GiftItem) => {
    setStatus({ state: 'sending', gift });
    try {
      if ((await props.beforeSend?.(gift)) === false) {
        setStatus({ state: 'idle' });
        return;
      }
      await actions.gift(giftExtension(gift));
      setStatus({ state: 'sent', gift });
      props.onSend?.(gift);
    } catch (cause) {
      const error = toLiveSellError(cause);
      setStatus({ state: 'error', message: describeError(cause, props.errorMessages) });
      props.onSendError?.(error, gift);
    }
  };

  return (
    <View
      className={cx('ls-gift-panel', open && 'ls-gift-panel--open', className)}
      style={style}
      data-state={open ? 'open' : 'closed'}
    >
      {open ? (
        <View className="ls-gift-panel__layer">
          <View className="ls-gift-panel__backdrop" onClick={() => setOpen(false)} />
          <View id={sheetID} className="ls-gift-panel__sheet" role="dialog" aria-modal="true" aria-label={labels.title}>
            <View className="ls-gift-panel__header">
              <Text className="ls-gift-panel__title">{labels.title}</Text>
              <View className="ls-gift-panel__close" {...pressable(labels.close, () => setOpen(false))}>
                ×
              </View>
            </View>
            <View className="ls-gift-panel__grid" role="group" aria-label={labels.title}>
              {gifts.map((gift) => {
                const isPicked = gift.id === selected?.id;
                const text = price(gift);
                return (
                  <View
                    key={gift.id}
                    className={cx('ls-gift-panel__cell', isPicked && 'ls-gift-panel__cell--picked')}
                    data-state={isPicked ? 'picked' : 'idle'}
                    {...pressable(labels.gift(gift, text), () => setPicked(gift.id), { pressed: isPicked })}
                  >
                    <Image
                      className="ls-gift-panel__icon"
                      src={safeImageSrc(gift.icon)}
                      mode="aspectFit"
                      nativeProps={{ alt: gift.name }}
                    />
                    <Text className="ls-gift-panel__name">{gift.name}</Text>
                    <Text className="ls-gift-panel__price">{text}</Text>
                  </View>
                );
              })}
            </View>
            <View className="ls-gift-panel__footer" data-state={status.state}>
              {/* Always rendered, so screen readers announce "Rose sent" when it fills in; errors interrupt. */}
              <Text
                className={cx('ls-gift-panel__status', `ls-gift-panel__status--${status.state}`)}
                {...(status.state === 'error' ? { role: 'alert' } : { role: 'status', 'aria-live': 'polite' })}
              >
                {status.state === 'error' ? status.message : status.state === 'sent' ? labels.sent(status.gift) : ''}
              </Text>
              <View
                className={cx('ls-gift-panel__send', !selected && 'ls-gift-panel__send--disabled')}
                {...pressable(
                  selected ? `${labels.send} ${selected.name}` : labels.send,
                  () => selected && void send(selected),
                  {
                    disabled: !selected,
                    busy: status.state === 'sending',
                  },
                )}
              >
                {labels.send}
              </View>
            </View>
          </View>
        </View>
      ) : null}
    </View>
  );
}
