import type { TimMessage } from '@livesell/core';
import type { LocalOp, LocalPush, LocalReplyData, LocalServerFrame } from '@livesell/core/protocol';

/**
 * Every frame the IM gateway sends goes through this module: replies, errors and pushes are
 * `LocalServerFrame`s (`@livesell/core/protocol`), encoded here and nowhere else. The result is
 * branded, so a socket or a group member takes only what this module made (a hand-built JSON
 * string does not compile).
 */
export type EncodedFrame = string & { readonly __localServerFrame: true };

/** An encoded frame as bytes: one encoding of a batch written to every member. */
export type EncodedFrameBytes = Buffer & { readonly __localServerFrame: true };

/** Encodes one server frame. */
export function encodeFrame(frame: LocalServerFrame): EncodedFrame {
  return JSON.stringify(frame) as EncodedFrame;
}

/** The success reply to request `id` of op `K`, its data typed by `LocalReplyData`. */
export function replyFrame<K extends LocalOp>(id: number, _op: K, data: LocalReplyData[K]): EncodedFrame {
  return encodeFrame({ id, code: 0, data });
}

/** An error reply (`id` null when the request could not be read); `data`: the refusal's details. */
export function errorFrame(id: number | null, code: number, message: string, data?: unknown): EncodedFrame {
  return encodeFrame(data === undefined ? { id, code, message } : { id, code, message, data });
}

/** A push of any kind but `messages` (see `messagesFrame`). */
export function pushFrame(push: Exclude<LocalPush, { push: 'messages' }>): EncodedFrame {
  return encodeFrame(push);
}

/** One message, serialised once when it is queued (a batch is then joined, not re-encoded). */
export type EncodedMessage = string & { readonly __localMessage: true };

export function encodeMessage(message: TimMessage): EncodedMessage {
  return JSON.stringify(message) as EncodedMessage;
}

/**
 * The `messages` push of a batch, from messages serialised once each: the same text as
 * `encodeFrame({ push: 'messages', data: messages })`, without serialising a batch once per member.
 */
export function messagesFrame(messages: readonly EncodedMessage[]): EncodedFrame {
  return `{"push":"messages","data":[${messages.join(',')}]}` as EncodedFrame;
}

export function frameBytes(frame: EncodedFrame): EncodedFrameBytes {
  return Buffer.from(frame) as EncodedFrameBytes;
}
