import {
  DanmakuList,
  GiftCards,
  JoinNotice,
  LivePusher,
  type LivePusherHandle,
  LiveStatusBadge,
  ModerationPanel,
  PurchaseTicker,
  useRoom,
  useRoomLiveStatus,
  useRoomPhase,
  useRoomStore,
} from '@livesell/components';
import { LiveSellError, type MerchantGoods, type RoomPhase, type RoomStatusValue } from '@livesell/core';
import { Image, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { RoomSession } from '../../components/RoomSession';
import { GIFTS } from '../../services/catalog';
import { type PushUrls, roomPushUrls } from '../../services/media';
import { demoModeration } from '../../services/moderation';
import { pressable } from '../../services/pressable';
import type { DemoSession } from '../../services/session';
import './index.css';

export default function HostPage() {
  return (
    <RoomSession kind="host" className="demo-host-console">
      {(session, error) => <Console session={session} error={error} />}
    </RoomSession>
  );
}

function Section({ title, className, children }: { title: string; className?: string; children: ReactNode }) {
  return (
    <View className={className ? `demo-host__section ${className}` : 'demo-host__section'}>
      <Text className="demo-host__heading">{title}</Text>
      {children}
    </View>
  );
}

const COUPON_FIELDS = [
  { key: 'amount', label: 'Amount (¥)', name: 'Coupon amount in yuan', type: 'digit' },
  { key: 'stock', label: 'Stock', name: 'Coupon stock', type: 'number' },
  { key: 'minutes', label: 'Minutes', name: 'Coupon minutes', type: 'number' },
] as const;

const STATUS = { role: 'status', 'aria-live': 'polite' };

const PHASE_HINT: Record<RoomPhase, string> = {
  idle: 'Not live yet: go live when the camera is ready.',
  live: 'You are live.',
  paused: 'Paused: viewers see a pause slate. Go live to resume.',
  ended: 'The show has ended: selling and coupons are closed.',
};

const cx = (...parts: Array<string | false | undefined>) => parts.filter(Boolean).join(' ');

interface ConsoleButtonProps {
  className: string;
  onPress: () => unknown;
  children: ReactNode;
  /** Accessible name when the visible text is not enough. */
  label?: string;
  pressed?: boolean;
  disabled?: boolean;
}

/** A console control: a real button to assistive technology, its state also as classes (weapp has no aria selectors). */
function ConsoleButton({ className, onPress, children, label, pressed, disabled }: ConsoleButtonProps) {
  return (
    <View
      className={cx(
        'demo-host__btn',
        className,
        pressed && 'demo-host__btn--on',
        disabled && 'demo-host__btn--disabled',
      )}
      {...pressable(() => void onPress(), { label, pressed, disabled })}
    >
      {children}
    </View>
  );
}

/** The demo's co-host: any user ID works, this one is suggested in the Moderation panel. */
const ASSISTANT = { userID: 'assistant', nick: 'Shop assistant' };

/** The viewer room as a given user. `encodeURIComponent`, never URLSearchParams: the H5 hash router reads "+" literally, not as a space. */
const roomUrlAs = (roomID: string, who: { userID: string; nick: string }) =>
  `/live/room/index?roomID=${encodeURIComponent(roomID)}&userID=${encodeURIComponent(who.userID)}&nick=${encodeURIComponent(who.nick)}`;

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
const yuan = (cents: number) => `¥${(cents / 100).toFixed(2)}`;

function Console({ session, error }: { session: DemoSession; error: string }) {
  const { roomID, shop, liveSell, me } = session;
  const store = useRoomStore();
  const host = useRoom((s) => s.host);
  const goods = useRoom((s) => s.goods);
  const explaining = useRoom((s) => s.explaining);
  const likeTotal = useRoom((s) => s.likeTotal);
  const viewers = useRoom((s) => s.viewerCount);
  const currentAnnouncement = useRoom((s) => s.announcement);
  const status = useRoomLiveStatus();
  // The lifecycle drives which controls apply: idle → live ⇄ paused → ended.
  const phase = useRoomPhase();
  const [busy, setBusy] = useState(false);
  const pusher = useRef<LivePusherHandle>(null);
  const [push, setPush] = useState<PushUrls>();
  const [pushState, setPushState] = useState('idle');
  const [note, setNote] = useState('');
  const [announcement, setAnnouncement] = useState('');
  const [coupon, setCoupon] = useState({ amount: '5', stock: '50', minutes: '10' });
  const moderation = useMemo(() => demoModeration(session), [session]);

  useEffect(() => {
    shop
      .listGoods(roomID)
      .then(({ goods: list, explaining: now, serverTime }) =>
        store.actions.setGoods(list, { explaining: now, serverTime }),
      )
      .catch((e) => setNote(message(e)));
    roomPushUrls(roomID, me)
      .then(setPush)
      .catch((e) => setNote(`No stream: ${message(e)}`));
  }, [roomID, shop, store, me]);

  const run = async (label: string, action: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await action();
      setNote(label);
    } catch (e) {
      setNote(LiveSellError.is(e) ? `${label} failed: ${e.message}` : `${label} failed: ${message(e)}`);
    } finally {
      setBusy(false);
    }
  };
  const setStatus = (value: RoomStatusValue, label: string) => run(label, () => liveSell.setRoomStatus(value));
  const goLive = () =>
    run(phase === 'paused' ? 'Resumed' : 'You are live', async () => {
      if (pusher.current?.getState().status !== 'pushing') await pusher.current?.start();
      await liveSell.setRoomStatus('live');
    });
  const end = () =>
    run('Show ended', async () => {
      await pusher.current?.stop();
      await liveSell.setRoomStatus('ended');
    });
  const explain = (item: MerchantGoods | null) =>
    run(item ? `Explaining ${item.title}` : 'Stopped explaining', async () => {
      const { explaining: now, serverTime } = await shop.setExplaining(roomID, item ? item.id : null);
      store.actions.setGoods(store.getState().goods, { explaining: now, serverTime });
    });
  const issue = () =>
    run('Coupon issued', () =>
      shop.issueCoupon(roomID, {
        title: `¥${coupon.amount} off`,
        amount: Math.round(Number(coupon.amount) * 100),
        stock: Number.parseInt(coupon.stock, 10),
        durationSeconds: Math.round(Number(coupon.minutes) * 60),
      }),
    );

  return (
    <View className="demo-host-console" data-state={host ? 'ready' : 'joining'} data-phase={phase}>
      <View className="demo-host__stage">
        <LivePusher
          ref={pusher}
          className="demo-host__pusher"
          pushUrl={process.env.TARO_ENV === 'h5' ? push?.whip : push?.rtmp}
          autopush={false}
          mode="RTC"
          onStateChange={(s) => setPushState(s.status)}
        >
          <View className="demo-host__overlay">
            <GiftCards gifts={GIFTS} />
            <PurchaseTicker />
            <JoinNotice />
          </View>
        </LivePusher>
        <View className="demo-host__stats">
          {status ? <LiveStatusBadge status={status} /> : null}
          <Text className="demo-host__stat">{viewers} watching</Text>
          <Text className="demo-host__stat demo-host__likes">{likeTotal} likes</Text>
          <Text className="demo-host__stat" data-state={pushState}>
            camera: {pushState}
          </Text>
        </View>
      </View>

      {/* A status region, so the outcome of each control is announced. */}
      <Text className={error || note ? 'demo-host__note' : 'demo-host__note demo-host__note--empty'} {...STATUS}>
        {error || note}
      </Text>

      <Section title="Show">
        {/* The pressed button is where the show is; what the lifecycle does not allow is disabled. */}
        <View className="demo-host__row" role="group" aria-label="Show status">
          <ConsoleButton
            className="demo-host__golive"
            onPress={goLive}
            pressed={phase === 'live'}
            disabled={busy || phase === 'live' || phase === 'ended'}
          >
            {phase === 'paused' ? 'Resume' : 'Go live'}
          </ConsoleButton>
          <ConsoleButton
            className="demo-host__pause"
            onPress={() => setStatus('paused', 'Paused')}
            pressed={phase === 'paused'}
            disabled={busy || phase !== 'live'}
          >
            Pause
          </ConsoleButton>
          <ConsoleButton
            className="demo-host__end"
            onPress={end}
            pressed={phase === 'ended'}
            disabled={busy || (phase !== 'live' && phase !== 'paused')}
          >
            End
          </ConsoleButton>
        </View>
        <Text className="demo-host__hint">{PHASE_HINT[phase]}</Text>
      </Section>

      <Section title="Announcement">
        <View className="demo-host__row">
          <Input
            className="demo-host__input demo-host__announcement"
            value={announcement}
            maxlength={300}
            placeholder="Tonight: …"
            aria-label="Announcement"
            nativeProps={{ 'aria-label': 'Announcement' }}
            onInput={(e) => setAnnouncement(e.detail.value)}
          />
          <ConsoleButton
            className="demo-host__set"
            label="Set announcement"
            onPress={() => run('Announcement set', () => liveSell.setNotification(announcement))}
          >
            Set
          </ConsoleButton>
        </View>
        {currentAnnouncement ? (
          <Text className="demo-host__current-announcement">Now showing: {currentAnnouncement}</Text>
        ) : null}
      </Section>

      <Section title="Goods">
        {goods.map((item) => (
          <View key={item.id} className="demo-host__goods" data-goods={item.id}>
            <Image
              className="demo-host__goods-image"
              src={item.image}
              mode="aspectFill"
              nativeProps={{ alt: item.title }}
            />
            <View className="demo-host__goods-info">
              <Text className="demo-host__goods-title">{item.title}</Text>
              <Text className="demo-host__goods-meta">
                {yuan(item.price)} · {item.stock} left · {item.sold} sold
              </Text>
            </View>
            {explaining?.id === item.id ? (
              <ConsoleButton
                className="demo-host__explaining"
                label={`Explaining ${item.title}`}
                pressed
                onPress={() => explain(null)}
              >
                Explaining
              </ConsoleButton>
            ) : (
              <ConsoleButton
                className="demo-host__explain"
                label={`Explain ${item.title}`}
                pressed={false}
                disabled={phase === 'ended'}
                onPress={() => explain(item)}
              >
                Explain
              </ConsoleButton>
            )}
          </View>
        ))}
      </Section>

      <Section title="Coupon">
        <View className="demo-host__row demo-host__coupon-fields">
          {COUPON_FIELDS.map(({ key, label, name, type }) => (
            <View key={key} className="demo-host__field">
              <Text className="demo-host__unit" aria-hidden="true">
                {label}
              </Text>
              <Input
                className={`demo-host__input demo-host__coupon-${key}`}
                type={type}
                value={coupon[key]}
                aria-label={name}
                nativeProps={{ 'aria-label': name }}
                onInput={(e) => setCoupon({ ...coupon, [key]: e.detail.value })}
              />
            </View>
          ))}
        </View>
        <ConsoleButton className="demo-host__issue" onPress={issue} disabled={phase === 'ended'}>
          Issue coupon
        </ConsoleButton>
      </Section>

      <Section title="Live feed" className="demo-host__feed">
        <DanmakuList moderation={moderation} />
      </Section>

      <Section title="Moderation" className="demo-host__moderation">
        <ModerationPanel moderation={moderation} />
        <Text className="demo-host__hint">
          Appoint “{ASSISTANT.userID}” as an admin, then open the room as them: they get the same host actions.
        </Text>
        <ConsoleButton
          className="demo-host__as-assistant"
          onPress={() => Taro.navigateTo({ url: roomUrlAs(roomID, ASSISTANT) })}
        >
          Open the room as {ASSISTANT.nick}
        </ConsoleButton>
      </Section>
    </View>
  );
}
