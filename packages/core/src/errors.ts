import { or } from './or';

/**
 * The one error class of the kit. `code` says what went wrong, `fatal` whether retrying can help,
 * `cause` keeps the underlying error (an SDK rejection `{code, message}`, a socket error …).
 */
export type LiveSellErrorCode =
  | 'INVALID_ARGUMENT'
  | 'NOT_READY'
  | 'NOT_IN_ROOM'
  | 'LOGIN_FAILED'
  | 'USERSIG_INVALID'
  | 'USERSIG_EXPIRED'
  | 'JOIN_FAILED'
  | 'HOST_CANNOT_EXIT'
  | 'SEND_FAILED'
  | 'SEND_TIMEOUT'
  | 'MESSAGE_TOO_LARGE'
  | 'RATE_LIMITED'
  | 'PERMISSION_DENIED'
  | 'MUTED'
  /** Slow mode: sent sooner than the room allows; `details.nextSendAt` says when (server ms). */
  | 'SLOW_MODE'
  /** Refused by the room's word list or link policy (Tencent IM code 80001). */
  | 'FILTERED'
  | 'NETWORK'
  | 'KICKED'
  | 'DESTROYED'
  | 'NOT_SUPPORTED'
  | 'MEDIA'
  | 'DEVICE'
  | 'BUDGET_EXCEEDED'
  | 'REMOTE'
  | 'NOT_FOUND'
  | 'SOLD_OUT'
  | 'ALREADY_CLAIMED'
  | 'EXPIRED'
  /** The room's show has ended: the merchant API no longer takes orders, claims or new coupons. */
  | 'ROOM_ENDED'
  | 'UNKNOWN';

export interface LiveSellErrorOptions {
  cause?: unknown;
  fatal?: boolean;
  /** The SDK or server numeric code, when there is one. */
  timCode?: number;
  details?: Record<string, unknown>;
}

// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the interface below only adds `cause`, set in the constructor.
export class LiveSellError extends Error {
  override readonly name = 'LiveSellError';
  readonly code: LiveSellErrorCode;
  readonly fatal: boolean;
  readonly timCode: number | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: LiveSellErrorCode, message: string, options: LiveSellErrorOptions = {}) {
    super(message);
    this.code = code;
    this.fatal = or(options.fatal, false);
    this.timCode = options.timCode;
    this.details = options.details;
    // Set as an own property: ES2017 engines' Error has no `cause` (declared by the interface below).
    (this as { cause: unknown }).cause = options.cause;
  }

  static is(value: unknown, code?: LiveSellErrorCode): value is LiveSellError {
    return value instanceof LiveSellError && (code === undefined || value.code === code);
  }
}

// `cause` is declared here, not in the class: ES2017's Error lacks it, ES2022's has it (so the class would
// need `override` under one lib and must not have it under the other). The constructor sets it.
export interface LiveSellError {
  /** What caused it (the SDK error, a network error …), when known. */
  readonly cause: unknown;
}
