import { EVENT } from './events';
import { createSession } from './session';
import { liveSellError } from './tim-error';
import type { TIMLiveSellApi, TIMLiveSellOptions } from './types';

/**
 * The live-sell client of the seed: `new TIMLiveSell(options)`, then the calls and events of
 * `TIMLiveSellApi`. The class gives the seed its constructor and `TIMLiveSell.EVENT`; the
 * constructor returns the implementation (`createSession`) on the class's prototype. State in one
 * closure minifies about 1 KB (gzip) smaller than private members, and the live-room import has a
 * 12 KB budget.
 */
export interface TIMLiveSell extends TIMLiveSellApi {}

// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the constructor returns the interface's implementation, type-checked in createSession.
export class TIMLiveSell {
  static readonly EVENT: typeof EVENT = EVENT;

  constructor(options: TIMLiveSellOptions) {
    if (!options || typeof options !== 'object') throw liveSellError('INVALID_ARGUMENT', 'options are required');
    const { roomID, userSig, userName, TIM } = options;
    for (const [name, value] of Object.entries({ roomID, userName, userSig })) {
      if (typeof value !== 'string' || value === '') throw liveSellError('INVALID_ARGUMENT', `${name} is required`);
    }
    if (!TIM || typeof TIM.create !== 'function')
      throw liveSellError('INVALID_ARGUMENT', 'TIM (the IM SDK) is required');
    const api: TIMLiveSellApi = createSession(options);
    // The instance is the implementation, on this class's (or a subclass's) prototype, so `instanceof` holds.
    // biome-ignore lint/correctness/noConstructorReturn: see the interface's doc.
    return Object.setPrototypeOf(api, new.target.prototype);
  }
}
