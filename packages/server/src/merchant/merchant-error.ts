import { HttpError } from '../http';

/** A request the merchant API refuses: `status` is the HTTP status, `code` a stable string for clients. */
export class MerchantError extends HttpError {
  override readonly name = 'MerchantError';
  declare readonly code: string;
  constructor(status: number, code: string, message: string, details?: Record<string, unknown>) {
    super(status, code, message, details);
  }
}

export const badRequest = (message: string, details?: Record<string, unknown>) =>
  new MerchantError(400, 'INVALID_ARGUMENT', message, details);
