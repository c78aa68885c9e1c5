import type { SnapshotResult } from './live-events';
import { notSupported } from './not-supported';

/** A JPEG of the `<video>`'s current picture (H5 player and pusher `snapshot()`). */
export function snapshotVideo(video: HTMLVideoElement | null, noPicture: string): SnapshotResult {
  if (!video?.videoWidth) throw notSupported('snapshot', 'h5', noPicture);
  const canvas = document.createElement('canvas');
  canvas.width = video.videoWidth;
  canvas.height = video.videoHeight;
  const g = canvas.getContext('2d');
  if (!g) throw notSupported('snapshot', 'h5', 'no 2D canvas');
  g.drawImage(video, 0, 0);
  return { tempImagePath: canvas.toDataURL('image/jpeg', 0.9), width: canvas.width, height: canvas.height };
}
