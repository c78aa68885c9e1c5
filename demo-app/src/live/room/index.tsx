import {
  Announcement,
  AudienceList,
  CouponPopup,
  DanmakuList,
  ExplainingCard,
  GiftButton,
  GiftCards,
  GiftPanel,
  GoodsShelf,
  JoinNotice,
  LikeButton,
  LivePlayer,
  LiveStatusBadge,
  PurchaseTicker,
  RemovedNotice,
  RoomHeader,
  ShelfButton,
  type ShelfGoods,
  usePlayUrl,
  useRoom,
  useRoomLiveStatus,
  useRoomPhase,
} from '@livesell/components';
import type { CouponView, LiveSellError } from '@livesell/core';
import type { PlayUrlKind } from '@livesell/core/media';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useMemo, useState } from 'react';
import { RoomSession } from '../../components/RoomSession';
import { usePhasePlayUrls } from '../../hooks/usePhasePlayUrls';
import { GIFTS } from '../../services/catalog';
import { blockedFromRoom, demoModeration } from '../../services/moderation';
import type { DemoSession } from '../../services/session';
import './index.css';

const isPlayKind = (kind: string | undefined): kind is PlayUrlKind =>
  kind === 'flv' || kind === 'hls' || kind === 'whep' || kind === 'rtmp';

export default function RoomPage() {
  const { params } = useRouter();
  return (
    <RoomSession kind="viewer" className="demo-room">
      {(session, error, failure) => <Room session={session} error={error} failure={failure} prefer={params.play} />}
    </RoomSession>
  );
}

function StatusBadge() {
  const status = useRoomLiveStatus();
  return status ? <LiveStatusBadge className="demo-room__badge" status={status} /> : null;
}

/** `prefer`: a play URL kind to try first (`?play=hls`, `flv`, `whep`); the platform's choice otherwise. */
interface RoomProps {
  session: DemoSession;
  error: string;
  failure: LiveSellError | null;
  prefer?: string;
}

/** Out of the room: back to the room list. */
const leave = () => void Taro.reLaunch({ url: '/pages/rooms/index' });

function Room({ session, error, failure, prefer }: RoomProps) {
  const { roomID, shop, me } = session;
  // Host actions for the owner and admins; the components hide them from viewers.
  const moderation = useMemo(() => demoModeration(session), [session]);
  const [audience, setAudience] = useState(false);
  const host = useRoom((s) => s.host);
  const phase = useRoomPhase();
  const [shelf, setShelf] = useState(false);
  const [gifts, setGifts] = useState(false);
  // The host's stream once the room is live (asked again until it is up: no reload), else the test pattern.
  const stream = usePhasePlayUrls(roomID, phase);
  const playUrl = usePlayUrl(stream?.urls, { prefer: isPlayKind(prefer) ? [prefer] : undefined });

  const buy = async (goods: ShelfGoods) => {
    await shop.buy(roomID, { goodsID: goods.id, nick: me.nick });
  };
  const claim = async (coupon: CouponView) => {
    const { coupon: after } = await shop.claimCoupon(roomID, coupon.id, { nick: me.nick });
    return { remaining: after.remaining };
  };

  return (
    <View
      className="demo-room"
      data-state={host ? 'ready' : 'joining'}
      data-phase={phase}
      data-stream={stream ? (stream.live ? 'host' : 'test-pattern') : 'none'}
    >
      <LivePlayer className="demo-room__player" playUrl={playUrl} autoplay muted objectFit="fillCrop">
        {/* One flex column over the video: top bar, coupon, then the bottom stack; nothing overlaps at any size. */}
        <View className="demo-room__layer">
          <View className="demo-room__top">
            <RoomHeader onViewersPress={() => setAudience(true)} />
            <StatusBadge />
            <Announcement />
            {error && !blockedFromRoom(failure) ? <Text className="demo-room__error">{error}</Text> : null}
          </View>
          <CouponPopup className="demo-room__coupon" onClaim={claim} />
          <View className="demo-room__stage">
            <View className="demo-room__bottom">
              <GiftCards className="demo-room__gifts" gifts={GIFTS} />
              <ExplainingCard onBuy={buy} />
              <PurchaseTicker />
              <JoinNotice />
              <DanmakuList className="demo-room__chat" moderation={moderation} />
            </View>
            <View className="demo-room__actions">
              <ShelfButton onPress={() => setShelf(true)} />
              <GiftButton onPress={() => setGifts(true)} />
              <LikeButton />
            </View>
          </View>
        </View>
      </LivePlayer>
      <GoodsShelf open={shelf} onOpenChange={setShelf} onBuy={buy} />
      <GiftPanel gifts={GIFTS} open={gifts} onOpenChange={setGifts} />
      <AudienceList moderation={moderation} open={audience} onOpenChange={setAudience} />
      {/* Removed while watching (from the store), or refused on re-entry while blocked. */}
      <RemovedNotice reason={blockedFromRoom(failure) ? 'blocked' : undefined} onLeave={leave} />
    </View>
  );
}
