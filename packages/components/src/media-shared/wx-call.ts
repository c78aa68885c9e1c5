import { LiveSellError } from '@livesell/core';

interface Callbacks<T> {
  success?: (result: T) => void;
  fail?: (result: { errMsg?: string }) => void;
}

/** A WeChat context method with `success`/`fail` callbacks as a promise of a typed result. */
export function wxCall<T = unknown>(method: string, call: (callbacks: Required<Callbacks<T>>) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    try {
      call({
        success: resolve,
        fail: (result) =>
          reject(
            new LiveSellError('MEDIA', `${method} failed: ${result?.errMsg ?? 'unknown error'}`, {
              details: { method, errMsg: result?.errMsg },
            }),
          ),
      });
    } catch (cause) {
      reject(new LiveSellError('MEDIA', `${method} threw`, { cause }));
    }
  });
}
