/**
 * One small seam over the three sockets the local client can run on: the browser's `WebSocket`,
 * `wx.connectSocket` in the mini program, or a `WebSocket` implementation passed in (Node tests pass
 * the `ws` package). Nothing here imports a platform module.
 */

import { decodeUtf8 } from './utf8';

export interface SocketHandlers {
  onOpen(): void;
  onMessage(text: string): void;
  /** Called once per socket, after an error too. */
  onClose(code: number, reason: string): void;
}

export interface LocalSocket {
  send(text: string): void;
  close(code?: number, reason?: string): void;
}

export type SocketFactory = (url: string, handlers: SocketHandlers) => LocalSocket;

/**
 * An event handler property. Method-style (checked bivariantly) so that implementations whose
 * handlers take their own richer event types — the browser's, `ws`'s — fit without a cast.
 */
type EventHandler<E> = { bivarianceHack(event: E): void }['bivarianceHack'];

/** The part of the WHATWG `WebSocket` the client needs; `ws`'s class fits it too. */
export interface WebSocketLike {
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: EventHandler<unknown> | null;
  onmessage: EventHandler<{ data: unknown }> | null;
  onclose: EventHandler<{ code: number; reason: string }> | null;
  onerror: EventHandler<unknown> | null;
}

export type WebSocketConstructorLike = new (url: string) => WebSocketLike;

interface WxSocketTask {
  send(options: { data: string; fail?: (err: unknown) => void }): void;
  close(options: { code?: number; reason?: string }): void;
  onOpen(cb: () => void): void;
  onMessage(cb: (result: { data: unknown }) => void): void;
  onClose(cb: (result: { code: number; reason: string }) => void): void;
  onError(cb: (err: unknown) => void): void;
}

interface WxLike {
  connectSocket(options: { url: string; fail?: (err: unknown) => void }): WxSocketTask;
}

function textOf(data: unknown): string | undefined {
  if (typeof data === 'string') return data;
  // `ws` hands over Buffers when the peer sends text; decode without touching Node APIs.
  if (data instanceof ArrayBuffer) return decodeUtf8(new Uint8Array(data));
  if (ArrayBuffer.isView(data)) return decodeUtf8(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  return undefined;
}

function once(handlers: SocketHandlers): SocketHandlers {
  let closed = false;
  return {
    onOpen: () => {
      if (!closed) handlers.onOpen();
    },
    onMessage: (text) => {
      if (!closed) handlers.onMessage(text);
    },
    onClose: (code, reason) => {
      if (closed) return;
      closed = true;
      handlers.onClose(code, reason);
    },
  };
}

export function webSocketFactory(Ctor: WebSocketConstructorLike): SocketFactory {
  return (url, raw) => {
    const h = once(raw);
    let ws: WebSocketLike;
    try {
      ws = new Ctor(url);
    } catch {
      void Promise.resolve().then(() => h.onClose(1006, 'connect failed'));
      return { send() {}, close() {} };
    }
    ws.onopen = () => h.onOpen();
    ws.onmessage = (event) => {
      const text = textOf(event.data);
      if (text !== undefined) h.onMessage(text);
    };
    ws.onclose = (event) => h.onClose(event.code, event.reason);
    ws.onerror = () => {
      // A failed socket also closes; closing here covers implementations that do not.
      try {
        ws.close();
      } catch {
        // already closing
      }
      h.onClose(1006, 'socket error');
    };
    return {
      send: (text) => ws.send(text),
      close: (code, reason) => {
        try {
          ws.close(code, reason);
        } catch {
          // already closed
        }
        h.onClose(code ?? 1000, reason ?? '');
      },
    };
  };
}

export function wxSocketFactory(wx: WxLike): SocketFactory {
  return (url, raw) => {
    const h = once(raw);
    const task = wx.connectSocket({ url, fail: () => h.onClose(1006, 'connect failed') });
    task.onOpen(() => h.onOpen());
    task.onMessage((result) => {
      const text = textOf(result.data);
      if (text !== undefined) h.onMessage(text);
    });
    task.onClose((result) => h.onClose(result.code, result.reason));
    task.onError(() => h.onClose(1006, 'socket error'));
    return {
      send: (text) => task.send({ data: text, fail: () => h.onClose(1006, 'send failed') }),
      close: (code, reason) => {
        task.close({ code: code ?? 1000, reason: reason ?? '' });
        h.onClose(code ?? 1000, reason ?? '');
      },
    };
  };
}

// Read as free variables, not through `globalThis`: the mini program injects `wx` as a global
// binding that is not always a property of the global object.
declare const wx: Partial<WxLike> | undefined;
declare const WebSocket: WebSocketConstructorLike | undefined;

/** Picks the socket: the one passed in, then the mini program's, then the browser's. */
export function detectSocketFactory(WebSocketImpl?: WebSocketConstructorLike): SocketFactory {
  if (WebSocketImpl) return webSocketFactory(WebSocketImpl);
  if (typeof wx !== 'undefined' && wx && typeof wx.connectSocket === 'function') return wxSocketFactory(wx as WxLike);
  if (typeof WebSocket === 'function') return webSocketFactory(WebSocket);
  throw new TypeError(
    'createLocalTIM: no WebSocket here; pass one in the options, e.g. createLocalTIM({ url, WebSocket }) with the "ws" package in Node',
  );
}
