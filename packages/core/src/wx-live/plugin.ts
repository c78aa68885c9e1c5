import { LiveSellError } from '../errors';
import type { LiveStatusFetcher } from './live-status-poller';

/**
 * The part of `requirePlugin('live-player-plugin')` the kit uses. `requirePlugin` only works in
 * the package (main or subpackage) that declares the plugin, so the app passes the object in.
 */
export interface LivePlayerPluginApi {
  getLiveStatus(options: { room_id: number }): Promise<{ liveStatus: number }>;
  getShareParams?(): Promise<{ room_id?: number; openid?: string; share_openid?: string; custom_params?: unknown }>;
}

/** A `LiveStatusFetcher` over the plugin's `getLiveStatus`. */
export function livePlayerPluginFetcher(plugin: LivePlayerPluginApi): LiveStatusFetcher {
  return async (roomId) => {
    const res = await plugin.getLiveStatus({ room_id: roomId });
    const status = res?.liveStatus;
    if (typeof status !== 'number') {
      throw new LiveSellError('REMOTE', 'getLiveStatus resolved without liveStatus', { details: { roomId } });
    }
    return status;
  };
}
