import { createLocalTIM, TIMLiveSell, type TimModule } from '@livesell/core';
import { moderationEvents } from '@livesell/core/moderation';
import { getServerConfig } from './config';
import type { DemoIdentity } from './identity';

export type TimSource = 'local' | 'tencent';

/**
 * Creates the `TIMLiveSell` of a demo page. Offline (the default) `TIM` is `createLocalTIM` talking to the
 * local server; with `tencent`, Tencent's SDK for the platform (`tim-wx-sdk` / `tim-js-sdk`, loaded on demand
 * on H5) — the same `TIMLiveSell` code path either way.
 */
export async function createDemoLiveSell(
  roomID: string,
  who: DemoIdentity,
  source: TimSource = 'local',
  SDKAppID?: number,
): Promise<TIMLiveSell> {
  const config = await getServerConfig();
  let TIM: TimModule;
  if (source === 'tencent') {
    const { loadTencentTIM } = await import('../platform/tim');
    TIM = await loadTencentTIM();
  } else {
    TIM = createLocalTIM({ url: config.wsUrl });
  }
  return new TIMLiveSell({
    SDKAppID: SDKAppID ?? config.sdkAppID,
    roomID,
    userSig: who.userSig,
    userName: who.userID,
    nick: who.nick,
    avatar: who.avatar,
    TIM,
    // Deleted messages, mutes, removals, admins and slow mode (from group tips, never from members).
    extensions: [moderationEvents],
  });
}
