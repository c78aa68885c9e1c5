/**
 * Type test (checked by tsc, never run): Tencent's SDK and the local client are interchangeable
 * behind `TimModule`, so `TIMLiveSell` cannot come to depend on anything only one of them has.
 */
import TIM from 'tim-js-sdk';
import { TIM_EVENT, TIM_TYPES, type TimInstance, type TimModule } from '../src/index';
import { createLocalTIM, type LocalTimInstance, type WebSocketConstructorLike } from '../src/local';

declare const NodeWebSocket: WebSocketConstructorLike;

export const tencent: TimModule = TIM;
export const local: TimModule = createLocalTIM({ url: 'ws://127.0.0.1:1/im', WebSocket: NodeWebSocket });
export const tencentInstance: TimInstance = TIM.create({ SDKAppID: 1 });
export const localInstance: TimInstance = createLocalTIM({ url: 'ws://127.0.0.1:1/im' }).create({ SDKAppID: 1 });

// The local client's constants are the real SDK's values, literally.
export const ready: 'sdkStateReady' = createLocalTIM({ url: 'ws://x' }).EVENT.SDK_READY;
export const join: 1 = createLocalTIM({ url: 'ws://x' }).TYPES.GRP_TIP_MBR_JOIN;
export const same: typeof TIM_EVENT = createLocalTIM({ url: 'ws://x' }).EVENT;
export const types: typeof TIM_TYPES = createLocalTIM({ url: 'ws://x' }).TYPES;

// Handlers get `{ name, data }`.
localInstance.on(TIM_EVENT.MESSAGE_RECEIVED, (event) => event.data);
// @ts-expect-error a handler takes one `{ name, data }` argument, not two
localInstance.on(TIM_EVENT.MESSAGE_RECEIVED, (_name: string, _data: string) => {});

// @ts-expect-error the options need a url
createLocalTIM({ WebSocket: NodeWebSocket });

// @ts-expect-error an object without the SDK's calls is not a TIM module
export const notTim: TimModule = { create: () => ({}), EVENT: TIM_EVENT, TYPES: TIM_TYPES };

// Local-only extras stay on the local instance type.
declare const li: LocalTimInstance;
export const memberField: Promise<never> = li.setGroupMemberCustomField({ groupID: 'g', memberCustomField: [] });
// @ts-expect-error the text payload needs `text`
li.createTextMessage({ to: 'g', conversationType: 'GROUP', payload: { txt: 'x' } });
