/** An IM failure carrying the numeric code the real SDK/service would report. */
export class ImError extends Error {
  override readonly name = 'ImError';
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}
