import type { TimModule } from '@livesell/core';

// Browser: Tencent's web SDK, loaded only when a page asks for the production path so the
// 590 KB SDK stays out of the first load.
export async function loadTencentTIM(): Promise<TimModule> {
  const mod = await import('tim-js-sdk');
  return mod.default as unknown as TimModule;
}
