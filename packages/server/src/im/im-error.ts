/** An IM failure carrying the numeric code the real SDK/service would report. */
export class ImError extends Error {
  override readonly name = 'ImError';
  constructor(
    readonly code: number,
    message: string,
    /** Sent with the error reply as `data` (e.g. when a mute ends). */
    readonly data?: Record<string, unknown>,
  ) {
    super(message);
  }
}
