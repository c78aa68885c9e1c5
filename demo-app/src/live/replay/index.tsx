import {
  DanmakuList,
  ExplainingCard,
  GiftCards,
  GoodsShelf,
  PurchaseTicker,
  ReplayChapters,
  ReplayPlayer,
  ReplayProvider,
  ReplaySpeed,
  ShelfButton,
  type ShelfGoods,
  useReplay,
} from '@livesell/components';
import { createMerchantClient, type MerchantClient, type MerchantRequest } from '@livesell/core';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { GIFTS } from '../../services/catalog';
import { getServerConfig } from '../../services/config';
import { type DemoIdentity, viewerIdentity } from '../../services/identity';
import { taroFetch } from '../../services/replay';
import './index.css';

const taroRequest: MerchantRequest = async ({ url, method, headers, body }) => {
  const res = await Taro.request({ url, method: method as 'GET', header: headers, data: body, dataType: 'json' });
  return { status: res.statusCode, body: res.data };
};

interface ReplaySession {
  httpUrl: string;
  me: DemoIdentity;
  shop: MerchantClient;
}

type SessionState =
  | { status: 'connecting' }
  | { status: 'ready'; session: ReplaySession }
  | { status: 'error'; message: string };

/** A replay needs no IM connection: the viewer's identity (to buy) and the merchant API. */
function useReplaySession(who: { userID?: string; nick?: string }): SessionState {
  const [state, setState] = useState<SessionState>({ status: 'connecting' });
  const { userID, nick } = who;
  useEffect(() => {
    let live = true;
    Promise.all([getServerConfig(), viewerIdentity({ userID, nick })]).then(
      ([{ httpUrl }, me]) => {
        const shop = createMerchantClient({
          baseUrl: httpUrl,
          credentials: { userID: me.userID, userSig: me.userSig },
          request: taroRequest,
        });
        if (live) setState({ status: 'ready', session: { httpUrl, me, shop } });
      },
      (e: unknown) => live && setState({ status: 'error', message: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, [userID, nick]);
  return state;
}

export default function ReplayPage() {
  const { params } = useRouter();
  const roomID = params.roomID || 'demo-room';
  const state = useReplaySession({ userID: params.userID, nick: params.nick });
  const [error, setError] = useState('');
  if (state.status !== 'ready') {
    return (
      <View className="demo-replay" data-state={state.status}>
        <Text className="demo-status">{state.status === 'error' ? state.message : 'Loading…'}</Text>
      </View>
    );
  }
  const { httpUrl, me, shop } = state.session;
  return (
    <ReplayProvider
      baseUrl={httpUrl}
      roomID={roomID}
      fetch={taroFetch}
      storeOptions={{ userID: me.userID }}
      merchant={shop}
      onError={(e) => setError(e.message)}
    >
      <Replay roomID={roomID} shop={shop} me={me} error={error} />
    </ReplayProvider>
  );
}

function Replay({
  roomID,
  shop,
  me,
  error,
}: {
  roomID: string;
  shop: MerchantClient;
  me: DemoIdentity;
  error: string;
}) {
  const status = useReplay((s) => s.status);
  const name = useReplay((s) => s.info?.name ?? '');
  const chapter = useReplay((s) => s.chapterIndex);
  const [shelf, setShelf] = useState(false);
  const [ordered, setOrdered] = useState<{ title: string; via: string } | null>(null);
  // Orders from a replay say so; the merchant API accepts them while it sells on the replay, and its
  // answer says which rule took the order.
  const buy = async (goods: ShelfGoods) => {
    const res = await shop.buy(roomID, { goodsID: goods.id, nick: me.nick, via: 'replay' });
    setOrdered({ title: res.order.title || goods.title, via: res.via ?? res.order.via ?? 'live' });
  };
  return (
    <View className="demo-replay" data-state={status} data-chapter={String(chapter)}>
      <ReplayPlayer className="demo-replay__player" muted>
        <View className="demo-replay__layer">
          <View className="demo-replay__top">
            <Text className="demo-replay__title">{name ? `Replay · ${name}` : 'Replay'}</Text>
            {error ? <Text className="demo-replay__error">{error}</Text> : null}
            {ordered ? (
              <Text className="demo-replay__ordered" data-via={ordered.via} aria-live="polite">
                {`Ordered ${ordered.title}${ordered.via === 'replay' ? ' from the replay' : ''} ✓`}
              </Text>
            ) : null}
          </View>
          <View className="demo-replay__bottom">
            <GiftCards className="demo-replay__gifts" gifts={GIFTS} burst={false} />
            <ExplainingCard onBuy={buy} />
            <PurchaseTicker />
            <DanmakuList className="demo-replay__chat" showInput={false} />
          </View>
        </View>
      </ReplayPlayer>
      <View className="demo-replay__controls">
        <ReplayChapters className="demo-replay__chapters" />
        <View className="demo-replay__row">
          <ReplaySpeed />
          <ShelfButton onPress={() => setShelf(true)} />
        </View>
      </View>
      <GoodsShelf open={shelf} onOpenChange={setShelf} onBuy={buy} />
    </View>
  );
}
