import { createMerchantClient, type MerchantClient, type MerchantRequest, type TIMLiveSell } from '@livesell/core';
import Taro from '@tarojs/taro';
import { getServerConfig } from './config';
import { type DemoIdentity, signIn, viewerIdentity } from './identity';
import { createDemoLiveSell } from './live-sell';

/** `fetch` is missing in the mini program: the merchant client goes through `Taro.request` on both targets. */
export const taroRequest: MerchantRequest = async ({ url, method, headers, body }) => {
  const res = await Taro.request({
    url,
    method: method as 'GET',
    header: headers,
    data: body,
    dataType: 'json',
  });
  return { status: res.statusCode, body: res.data };
};

export interface DemoSession {
  roomID: string;
  me: DemoIdentity;
  liveSell: TIMLiveSell;
  shop: MerchantClient;
  httpUrl: string;
}

export type DemoRole = 'viewer' | 'host';

/**
 * Signs in (the local server's dev UserSig endpoint), creates this page's `TIMLiveSell` and a merchant
 * client acting for the same identity. Joining is left to `<LiveRoomProvider autoJoin>`.
 */
export async function openSession(
  roomID: string,
  role: DemoRole,
  who: { userID?: string; nick?: string } = {},
): Promise<DemoSession> {
  const me =
    role === 'host'
      ? await signIn(who.userID || 'host', who.nick || 'Lina · LiveSell')
      : await viewerIdentity({ userID: who.userID, nick: who.nick });
  const liveSell = await createDemoLiveSell(roomID, me);
  const { httpUrl } = await getServerConfig();
  const shop = createMerchantClient({
    baseUrl: httpUrl,
    credentials: { userID: me.userID, userSig: me.userSig },
    request: taroRequest,
  });
  return { roomID, me, liveSell, shop, httpUrl };
}
