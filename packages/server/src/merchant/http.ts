import type { IncomingMessage, ServerResponse } from 'node:http';
import { badRequest, MerchantError } from './merchant-error';
import type { Body } from './validate';

export const MAX_BODY_BYTES = 32 * 1024;

const LOCAL_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/;

/** Reflects local origins (the H5 dev server on another port) and any configured extra origin. */
export function applyCors(req: IncomingMessage, res: ServerResponse, extra: readonly (string | RegExp)[]): void {
  const origin = req.headers.origin;
  if (!origin) return;
  const allowed =
    LOCAL_ORIGIN.test(origin) || extra.some((o) => (typeof o === 'string' ? o === origin : o.test(origin)));
  if (!allowed) return;
  res.setHeader('Access-Control-Allow-Origin', origin);
  res.setHeader('Vary', 'Origin');
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, PATCH, OPTIONS');
  res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, Idempotency-Key');
  res.setHeader('Access-Control-Expose-Headers', 'X-Server-Time');
  res.setHeader('Access-Control-Max-Age', '600');
}

export function sendJson(res: ServerResponse, status: number, body: object, serverTime: number): void {
  const text = JSON.stringify({ ...body, serverTime });
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Server-Time', String(serverTime));
  res.end(text);
}

export function sendError(res: ServerResponse, error: MerchantError, serverTime: number): void {
  sendJson(
    res,
    error.status,
    { error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) } },
    serverTime,
  );
}

/** Reads a JSON object body; an empty body is `{}`. Oversized or malformed bodies are 4xx. */
export async function readJsonBody(req: IncomingMessage): Promise<Body> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  // Keep draining past the limit (without keeping the bytes): leaving the loop would destroy the
  // socket and the client would never see the 413.
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size <= MAX_BODY_BYTES) chunks.push(buffer);
  }
  if (size > MAX_BODY_BYTES) throw tooLarge();
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (!text) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new MerchantError(400, 'INVALID_JSON', 'The request body is not valid JSON');
  }
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw badRequest('The request body must be a JSON object');
  return value as Body;
}

const tooLarge = () =>
  new MerchantError(413, 'PAYLOAD_TOO_LARGE', `The request body is larger than ${MAX_BODY_BYTES} bytes`);
