import type { MediaPlatform } from '@livesell/core/media';

/** The build target, from the constant Taro defines at build time. */
export function currentMediaPlatform(): MediaPlatform {
  return process.env.TARO_ENV === 'h5' ? 'h5' : 'weapp';
}
