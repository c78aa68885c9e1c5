import type { Clock } from '../clock';
import type { LiveSellError } from '../errors';

/** Settles like `promise`, or rejects with `onTimeout()` after `ms` on `clock`: no call can hang. */
export function bounded<T>(promise: Promise<T>, clock: Clock, ms: number, onTimeout: () => LiveSellError): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = clock.setTimeout(() => reject(onTimeout()), ms);
    promise.then(
      (value) => {
        clock.clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clock.clearTimeout(timer);
        reject(error);
      },
    );
  });
}
