import { mediaModule } from './media/index';
import { merchantModule } from './merchant';
import type { LiveServerModuleFactory } from './module';
import { replayModule } from './replay/index';
import { wechatModule } from './wechat/index';

/** Modules `startLiveServer` loads by default, in order. Each piece of the server adds itself here. */
export const defaultModules: Array<{ name: string; factory: LiveServerModuleFactory }> = [
  { name: 'merchant', factory: merchantModule },
  { name: 'wechat', factory: wechatModule },
  { name: 'media', factory: mediaModule },
  { name: 'replay', factory: replayModule },
];
