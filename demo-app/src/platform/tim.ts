import type { TimModule } from '@livesell/core';
// Mini program: Tencent's SDK for WeChat, bundled in the main package.
import TIM from 'tim-wx-sdk';

export function loadTencentTIM(): Promise<TimModule> {
  return Promise.resolve(TIM as unknown as TimModule);
}
