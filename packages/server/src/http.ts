import cors from '@fastify/cors';
import { TIM_ERROR } from '@livesell/core/protocol';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { ImError } from './im/im-error';

/**
 * The server's one HTTP layer: a fastify instance with the Host allow-list, CORS for allowed
 * origins, one JSON body parser, one `Authorization: Bearer` parser and one error format
 * (`{ "error": { "code", "message", "details"? } }`). The IM gateway, the merchant API, the media
 * routes and the WeChat emulation all register their routes on it.
 */

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | number,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** Default body limit of a route that does not declare its own (bytes). */
export const DEFAULT_BODY_LIMIT = 64 * 1024;
/** Longest `Authorization` header looked at; longer ones are refused without parsing. */
export const MAX_AUTHORIZATION_BYTES = 4096;

export interface BearerCredentials {
  userID: string;
  userSig: string;
}

const isSpace = (code: number) => code === 0x20 || code === 0x09;

/**
 * Parses `Authorization: Bearer <userID>:<userSig>` in linear time (no regular expression): the
 * userID is everything up to the last `:` (userIDs may contain spaces), the UserSig what follows
 * (no `:` or whitespace). Returns `undefined` when the header is absent, `'malformed'` otherwise
 * when it does not have that shape.
 */
export function parseBearer(header: string | string[] | undefined): BearerCredentials | 'malformed' | undefined {
  if (header === undefined) return undefined;
  if (typeof header !== 'string' || header.length > MAX_AUTHORIZATION_BYTES) return 'malformed';
  if (!header.startsWith('Bearer')) return 'malformed';
  let start = 6;
  if (start >= header.length || !isSpace(header.charCodeAt(start))) return 'malformed';
  while (start < header.length && isSpace(header.charCodeAt(start))) start++;
  let end = header.length;
  while (end > start && isSpace(header.charCodeAt(end - 1))) end--;
  const colon = header.lastIndexOf(':', end - 1);
  if (colon <= start || colon >= end - 1) return 'malformed';
  const userID = header.slice(start, colon);
  const userSig = header.slice(colon + 1, end);
  for (let i = 0; i < userSig.length; i++) {
    const code = userSig.charCodeAt(i);
    if (code <= 0x20 || code === 0x7f) return 'malformed';
  }
  return { userID, userSig };
}

export type Authenticate = (userID: string, userSig: string) => { ok: true } | { ok: false; reason: string };

/**
 * The one authentication helper: the signed-in userID of a request, `undefined` when it sends no
 * `Authorization`, an `HttpError(401, code)` when the header is malformed or the UserSig refused.
 */
export function bearerUser(
  header: string | string[] | undefined,
  authenticate: Authenticate,
  code = 'UNAUTHENTICATED',
): string | undefined {
  const credentials = parseBearer(header);
  if (credentials === undefined) return undefined;
  if (credentials === 'malformed') {
    throw new HttpError(401, code, 'Authorization must be "Bearer <userID>:<userSig>"');
  }
  const result = authenticate(credentials.userID, credentials.userSig);
  if (!result.ok) throw new HttpError(401, code, `The UserSig was refused: ${result.reason}`);
  return credentials.userID;
}

// --- who may talk to the server ----------------------------------------------------------------

/** Loopback addresses (127.0.0.0/8, ::1, and IPv4-mapped 127.x). */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const a = address.startsWith('::ffff:') ? address.slice(7) : address;
  return a === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a);
}

/** Hostnames that always mean this machine. */
export function isLoopbackHostname(hostname: string): boolean {
  const h = hostname.toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || h === '[::1]' || h === '::1' || isLoopbackAddress(h);
}

/** Splits a `Host` header into its hostname (lower case, IPv6 in brackets); undefined when malformed. */
export function hostnameOf(host: string): string | undefined {
  if (host.length === 0 || host.length > 255) return undefined;
  const m = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9._-]+)(?::(\d{1,5}))?$/.exec(host);
  if (!m) return undefined;
  if (m[2] !== undefined && Number(m[2]) > 65535) return undefined;
  return m[1]!.toLowerCase();
}

const LOCAL_ORIGIN = /^https?:\/\/(localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])(:\d{1,5})?$/;

export type OriginRule = string | RegExp;

export interface AccessPolicy {
  /** Extra hostnames (no port) accepted in `Host` besides loopback names and IPs. */
  allowedHosts: ReadonlySet<string>;
  /** Extra origins accepted for CORS and the WebSocket upgrade besides local pages. */
  allowedOrigins: OriginRule[];
}

export function originAllowed(origin: string, policy: AccessPolicy): boolean {
  if (LOCAL_ORIGIN.test(origin)) return true;
  return policy.allowedOrigins.some((o) => (typeof o === 'string' ? o === origin : o.test(origin)));
}

/**
 * Checks `Host` (every request; a DNS-rebinding page sends its own name) and, when present,
 * `Origin` (browsers send it on WebSocket upgrades and cross-site requests). Clients that send
 * no `Origin` (WeChat, Node, curl) are not browsers on another site and pass.
 */
export function checkAccess(
  headers: { host?: string; origin?: string | string[] },
  policy: AccessPolicy,
  checkOrigin: boolean,
): HttpError | undefined {
  const host = headers.host;
  if (host !== undefined) {
    const hostname = hostnameOf(host);
    if (hostname === undefined) return new HttpError(400, 'INVALID_HOST', 'malformed Host header');
    if (!isLoopbackHostname(hostname) && !policy.allowedHosts.has(hostname)) {
      return new HttpError(
        403,
        'HOST_NOT_ALLOWED',
        `Host "${hostname}" is not allowed; add it with --allowed-host (allowedHosts)`,
      );
    }
  }
  const origin = headers.origin;
  if (checkOrigin && origin !== undefined) {
    if (typeof origin !== 'string' || !originAllowed(origin, policy)) {
      return new HttpError(
        403,
        'ORIGIN_NOT_ALLOWED',
        `Origin ${String(origin)} is not allowed; add it with --allowed-origin (allowedOrigins)`,
      );
    }
  }
  return undefined;
}

// --- errors ------------------------------------------------------------------------------------

const STATUS_BY_IM_CODE: Record<number, number> = {
  [TIM_ERROR.INVALID_PARAMETERS]: 400,
  [TIM_ERROR.PERMISSION_DENIED]: 403,
  [TIM_ERROR.GROUP_NOT_FOUND]: 404,
  [TIM_ERROR.GROUP_ID_IN_USE]: 409,
  [TIM_ERROR.NOT_IN_AVCHATROOM]: 409,
  [TIM_ERROR.MESSAGE_TOO_LARGE]: 413,
  [TIM_ERROR.ROOM_COUNT_LIMIT]: 429,
};

/** The one error body of every route. */
export function errorBody(error: HttpError): { error: { code: string | number; message: string } } {
  return {
    error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) },
  };
}

/** Turns anything a route threw into an `HttpError`; unexpected errors are logged once and become 500. */
export function toHttpError(error: unknown, log: (message: string) => void, context = 'http'): HttpError {
  if (error instanceof HttpError) return error;
  if (error instanceof ImError) return new HttpError(STATUS_BY_IM_CODE[error.code] ?? 400, error.code, error.message);
  const fe = error as Partial<FastifyError> & { validation?: unknown };
  if (fe && typeof fe === 'object' && fe.validation !== undefined) {
    return new HttpError(400, 'INVALID_ARGUMENT', fe.message ?? 'invalid request');
  }
  if (fe?.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return new HttpError(413, 'PAYLOAD_TOO_LARGE', 'The request body is larger than this route accepts');
  }
  if (fe?.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', fe.message ?? 'unsupported content type');
  }
  if (typeof fe?.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    // Malformed URLs, `%` escapes, headers: one log line, no stack.
    log(`${context}: ${fe.statusCode} ${fe.code ?? ''} ${fe.message ?? ''}`.trim());
    return new HttpError(fe.statusCode, 'BAD_REQUEST', fe.message ?? 'bad request');
  }
  if (error instanceof URIError) {
    log(`${context}: 400 ${error.message}`);
    return new HttpError(400, 'INVALID_PATH', 'Malformed URL path');
  }
  log(`${context}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return new HttpError(500, 'INTERNAL', 'internal error; see the server log');
}

export function sendHttpError(reply: FastifyReply, error: HttpError, extra?: Record<string, unknown>): FastifyReply {
  if (reply.sent || reply.raw.headersSent) {
    reply.raw.end();
    return reply;
  }
  reply.header('cache-control', 'no-store');
  return reply.code(error.status).send({ ...errorBody(error), ...extra });
}

// --- routes ------------------------------------------------------------------------------------

export const ALL_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type Method = (typeof ALL_METHODS)[number];

/**
 * How a route's body is parsed (`config: { body }`): a JSON object (default), the raw text (the
 * route checks the type itself, e.g. SDP), or not at all (the route refuses bodies anyway).
 */
export interface RouteBodyConfig {
  body?: 'json' | 'text' | 'none';
}

/** Answers the methods a path does not serve with 405 and an `Allow` header. */
export function methodNotAllowed(app: FastifyInstance, url: string, served: readonly string[]): void {
  const others = ALL_METHODS.filter((m) => !served.includes(m) && !(m === 'HEAD' && served.includes('GET')));
  if (others.length === 0) return;
  app.route({
    method: others,
    url,
    config: { body: 'none' } satisfies RouteBodyConfig,
    handler: async (request, reply) => {
      reply.header('allow', [...served, 'OPTIONS'].join(', '));
      throw new HttpError(405, 'METHOD_NOT_ALLOWED', `${request.method} is not allowed on ${url}`);
    },
  });
}

// --- the app -----------------------------------------------------------------------------------

export interface HttpAppOptions {
  policy: AccessPolicy;
  log: (message: string) => void;
}

function parseJsonBody(text: string): Record<string, unknown> {
  const trimmed = text.trim();
  if (trimmed === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch {
    throw new HttpError(400, 'INVALID_JSON', 'The request body is not valid JSON');
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new HttpError(400, 'INVALID_BODY', 'The request body must be a JSON object');
  }
  return value as Record<string, unknown>;
}

export async function createHttpApp(options: HttpAppOptions): Promise<FastifyInstance> {
  const { policy, log } = options;
  const app = Fastify({
    logger: false,
    bodyLimit: DEFAULT_BODY_LIMIT,
    forceCloseConnections: true,
    // Idle keep-alive sockets and slow headers do not hold a descriptor forever.
    keepAliveTimeout: 5000,
    requestTimeout: 30_000,
    routerOptions: { ignoreTrailingSlash: true, ignoreDuplicateSlashes: true, maxParamLength: 256 },
    // Bodies are validated as sent: no type coercion, no silently dropped properties.
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false } },
  });

  // One body parser: JSON objects (an empty body is `{}`), whatever the declared type, except SDP.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/sdp', { parseAs: 'string' }, (_req, body, done) => done(null, body));
  app.addContentTypeParser('*', { parseAs: 'string' }, (request, body, done) => {
    const mode = (request.routeOptions.config as RouteBodyConfig | undefined)?.body;
    if (mode === 'none') return done(null, undefined);
    if (mode === 'text') return done(null, body);
    try {
      done(null, parseJsonBody(body as string));
    } catch (error) {
      done(error as Error, undefined);
    }
  });

  app.addHook('onRequest', async (request) => {
    // A repeated Content-Type ("application/json, application/json", as some clients merge
    // headers) means its first value: the body parser is the same for every JSON type anyway.
    const type = request.raw.headers['content-type'];
    if (typeof type === 'string' && type.includes(',')) {
      request.raw.headers['content-type'] = type.slice(0, type.indexOf(',')).trim();
    }
    const refused = checkAccess(
      { host: request.headers.host, origin: request.headers.origin },
      policy,
      // Simple cross-site requests carry Origin too: refuse them before any side effect.
      request.method !== 'GET' && request.method !== 'HEAD',
    );
    if (refused) {
      log(`http: ${refused.status} ${refused.code} ${request.method} from ${request.ip}`);
      throw refused;
    }
  });

  await app.register(cors, {
    origin: (origin, cb) => cb(null, origin !== undefined && originAllowed(origin, policy)),
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key'],
    exposedHeaders: ['X-Server-Time', 'Location', 'Content-Type'],
    maxAge: 600,
    strictPreflight: false,
  });

  app.setErrorHandler((error, _request, reply) => sendHttpError(reply, toHttpError(error, log)));
  app.setNotFoundHandler((request, reply) =>
    sendHttpError(
      reply,
      new HttpError(404, 'NOT_FOUND', `no route for ${request.method} ${request.url.split('?')[0]}`),
    ),
  );
  app.server.on('clientError', (_error, socket) => socket.destroy());
  return app;
}

export type { FastifyInstance, FastifyReply, FastifyRequest };
