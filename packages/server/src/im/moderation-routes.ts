import { FILTER_MODES, MAX_FILTER_WORD_CHARS, MAX_FILTER_WORDS, MAX_SLOW_MODE_SECONDS } from '@livesell/core/protocol';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type Authenticate, bearerUser, HttpError, methodNotAllowed } from '../http';
import type { Moderation } from './moderation';
import type { RoomRecord } from './store';

export interface ModerationRoutesOptions {
  moderation: Moderation;
  authenticate: Authenticate;
  /** The room, or ImError 10010. */
  room(groupID: string): RoomRecord;
}

type Params = { id: string; userID?: string };

/** Settings are small: 500 words of ≤ 50 characters. */
const BODY_LIMIT = 64 * 1024;

/**
 * The host console's moderation API. Callers sign in as themselves
 * (`Authorization: Bearer <userID>:<userSig>`); only the room's owner, its admins and the server's
 * administrator account get past `authorize` (else 403 with IM code 10007).
 */
export function registerModerationRoutes(app: FastifyInstance, options: ModerationRoutesOptions): void {
  const { moderation } = options;
  const operator = (request: FastifyRequest): { room: RoomRecord; userID: string } => {
    const userID = bearerUser(request.headers.authorization, options.authenticate, 'UNAUTHENTICATED');
    if (userID === undefined) {
      throw new HttpError(401, 'UNAUTHENTICATED', 'send "Authorization: Bearer <userID>:<userSig>"');
    }
    const room = options.room((request.params as Params).id);
    moderation.authorize(room, userID);
    return { room, userID };
  };

  app.get('/v4/rooms/:id/moderation', async (request) => moderation.view(operator(request).room));
  app.put(
    '/v4/rooms/:id/moderation',
    {
      bodyLimit: BODY_LIMIT,
      schema: {
        body: {
          type: 'object',
          additionalProperties: false,
          properties: {
            words: {
              type: 'array',
              maxItems: MAX_FILTER_WORDS,
              items: { type: 'string', maxLength: MAX_FILTER_WORD_CHARS },
            },
            noLinks: { type: 'boolean' },
            filterMode: { enum: FILTER_MODES },
            slowModeSeconds: { type: 'integer', minimum: 0, maximum: MAX_SLOW_MODE_SECONDS },
          },
        },
      },
    },
    async (request) => {
      const { room, userID } = operator(request);
      return moderation.updateSettings(room, userID, request.body);
    },
  );
  methodNotAllowed(app, '/v4/rooms/:id/moderation', ['GET', 'PUT']);

  app.get('/v4/rooms/:id/moderation/log', async (request) => {
    const { room } = operator(request);
    const limit = Number((request.query as Record<string, unknown>).limit ?? 200);
    return { entries: moderation.log(room, Number.isInteger(limit) ? limit : 200) };
  });

  app.delete('/v4/rooms/:id/blocks/:userID', async (request) => {
    const { room, userID } = operator(request);
    moderation.unblock(room, userID, (request.params as Params).userID);
    return { ok: true };
  });
  methodNotAllowed(app, '/v4/rooms/:id/blocks/:userID', ['DELETE']);
}
