import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

/**
 * Hostile RTMP for tests and `pnpm bench abuse`: a valid simple handshake followed by malformed
 * chunks. Every connection goes to 127.0.0.1 only, and every helper is bounded in time.
 */

const HANDSHAKE = 1536;

function amfString(text: string): Buffer {
  const body = Buffer.from(text, 'utf8');
  const head = Buffer.alloc(3);
  head[0] = 0x02;
  head.writeUInt16BE(body.length, 1);
  return Buffer.concat([head, body]);
}

function amfNumber(value: number): Buffer {
  const out = Buffer.alloc(9);
  out[0] = 0x00;
  out.writeDoubleBE(value, 1);
  return out;
}

function amfObject(fields: Record<string, string>): Buffer {
  const parts: Buffer[] = [Buffer.from([0x03])];
  for (const [key, value] of Object.entries(fields)) {
    const k = Buffer.from(key, 'utf8');
    const len = Buffer.alloc(2);
    len.writeUInt16BE(k.length);
    parts.push(len, k, amfString(value));
  }
  parts.push(Buffer.from([0x00, 0x00, 0x09]));
  return Buffer.concat(parts);
}

/** One chunk (fmt 0) carrying a whole message: the payload must fit the default 128-byte chunk. */
export function chunk(payload: Buffer, options: { csid?: number; type?: number; length?: number } = {}): Buffer {
  const header = Buffer.alloc(12);
  header[0] = (options.csid ?? 3) & 0x3f;
  header.writeUIntBE(0, 1, 3);
  header.writeUIntBE(options.length ?? payload.length, 4, 3);
  header[7] = options.type ?? 0x14;
  header.writeUInt32LE(0, 8);
  return Buffer.concat([header, payload]);
}

/** `connect` whose transaction ID (an AMF0 number) is cut off after 2 of its 8 bytes. */
export function truncatedNumberConnect(): Buffer {
  const payload = Buffer.concat([amfString('connect'), Buffer.from([0x00, 0x3f, 0xf0])]);
  return chunk(payload);
}

/** A well-formed `connect` without `tcUrl`. */
export function connectWithoutTcUrl(): Buffer {
  return chunk(Buffer.concat([amfString('connect'), amfNumber(1), amfObject({ app: 'live' })]));
}

/** A chunk of random bytes with a random message type. */
export function randomTypedChunk(): Buffer {
  const body = randomBytes(1 + Math.floor(Math.random() * 100));
  return chunk(body, { type: Math.floor(Math.random() * 256), csid: 2 + Math.floor(Math.random() * 60) });
}

/** A message announcing 16 MB on each of many chunk streams: a memory bomb unless bounded. */
export function bigMessageChunks(streams: number): Buffer {
  const parts: Buffer[] = [];
  for (let i = 0; i < streams; i++) {
    parts.push(chunk(randomBytes(128), { csid: 3 + (i % 60), length: 0xffffff, type: 0x09 }));
  }
  return Buffer.concat(parts);
}

/**
 * Connects to `port` on 127.0.0.1, does the simple handshake (unless `handshake` is false or
 * `'garbage'`), writes `payload`, and resolves once the server closes or `timeoutMs` passes.
 */
export function sendRtmp(
  port: number,
  payload: Buffer,
  options: { handshake?: boolean | 'garbage'; timeoutMs?: number } = {},
): Promise<'closed' | 'timeout' | 'error'> {
  const handshake = options.handshake ?? true;
  return new Promise((resolve) => {
    let settled = false;
    let received = Buffer.alloc(0);
    const socket: Socket = connect({ host: '127.0.0.1', port });
    const finish = (how: 'closed' | 'timeout' | 'error') => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(how);
    };
    const timer = setTimeout(() => finish('timeout'), options.timeoutMs ?? 1000);
    socket.on('error', () => finish('error'));
    socket.on('close', () => finish('closed'));
    socket.on('connect', () => {
      if (handshake === false) {
        socket.write(payload);
        return;
      }
      if (handshake === 'garbage') {
        socket.write(Buffer.concat([randomBytes(1 + HANDSHAKE * 2), payload]));
        return;
      }
      const c1 = Buffer.alloc(HANDSHAKE);
      randomBytes(HANDSHAKE - 8).copy(c1, 8);
      socket.write(Buffer.concat([Buffer.from([0x03]), c1]));
    });
    let sentRest = false;
    socket.on('data', (data: Buffer) => {
      if (handshake !== true || sentRest) return;
      received = Buffer.concat([received, data]);
      if (received.length < 1 + HANDSHAKE * 2) return;
      sentRest = true;
      // C2 echoes S1, then the hostile chunks.
      socket.write(Buffer.concat([received.subarray(1, 1 + HANDSHAKE), payload]));
    });
  });
}

/** The hostile mix, one connection at a time: each resolves within `timeoutMs`. */
export function hostileRtmpCases(): Array<{ name: string; payload: Buffer; handshake?: boolean | 'garbage' }> {
  return [
    { name: 'truncated AMF0 number in connect', payload: truncatedNumberConnect() },
    { name: 'connect without tcUrl', payload: connectWithoutTcUrl() },
    { name: 'random typed chunks', payload: Buffer.concat(Array.from({ length: 20 }, randomTypedChunk)) },
    { name: '16 MB messages on 60 chunk streams', payload: bigMessageChunks(60) },
    { name: 'garbage handshake', payload: randomBytes(300), handshake: 'garbage' },
    { name: 'no handshake, random bytes', payload: randomBytes(4096), handshake: false },
  ];
}
