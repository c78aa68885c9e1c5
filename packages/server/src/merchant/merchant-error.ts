/** A request the merchant API refuses: `status` is the HTTP status, `code` a stable string for clients. */
export class MerchantError extends Error {
  override readonly name = 'MerchantError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export const badRequest = (message: string, details?: Record<string, unknown>) =>
  new MerchantError(400, 'INVALID_ARGUMENT', message, details);
