import type { FastifyReply, FastifyRequest } from 'fastify';
import { MediaHttpError } from './media-error';
import type { RtmpIngest } from './rtmp-ingest';
import type { StreamAuth } from './stream-auth';
import type { WebRtcGateway } from './webrtc-gateway';

export interface WebRtcRouteDeps {
  auth: StreamAuth;
  ingest: RtmpIngest;
  webrtc: WebRtcGateway;
}

/**
 * WHIP (`POST /whip/<app>/<stream>?txSecret&txTime`, signed with the push key) and WHEP
 * (`POST /whep/<app>/<stream>`, signed with the play key when play is signed): SDP offer in,
 * `201` with the answer and a `Location` to `DELETE` when done.
 */
export async function webrtcRoute(
  deps: WebRtcRouteDeps,
  req: FastifyRequest,
  res: FastifyReply,
  url: URL,
  kind: 'whip' | 'whep',
  app: string,
  stream: string,
) {
  // Browsers may read Location only when it is exposed.
  res.header('access-control-expose-headers', 'location');
  if (app === 'session') {
    if (req.method !== 'DELETE') throw new MediaHttpError(405, 'METHOD_NOT_ALLOWED', 'end a session with DELETE');
    if (!(await deps.webrtc.end(stream))) throw new MediaHttpError(404, 'NO_SESSION', 'no such session');
    return res.code(200).send();
  }
  if (req.method !== 'POST')
    throw new MediaHttpError(405, 'METHOD_NOT_ALLOWED', `${kind.toUpperCase()} starts with POST`);
  deps.auth.checkName(app, stream);
  if (!/^application\/sdp\b/i.test(req.headers['content-type'] ?? '')) {
    throw new MediaHttpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'send the offer as application/sdp');
  }
  const query = Object.fromEntries(url.searchParams);
  const check = deps.auth.authorize(app, stream, query, kind === 'whip' ? deps.auth.pushKey : deps.auth.playKey);
  if (!check.ok)
    throw new MediaHttpError(403, 'FORBIDDEN', `${kind === 'whip' ? 'publish' : 'play'} refused: ${check.reason}`);
  // An RTMP publisher owns the stream; a WebRTC one (bridged into RTMP) may be replaced by a new WHIP publish.
  if (kind === 'whip' && deps.ingest.isLive(app, stream) && !deps.webrtc.isLive(app, stream)) {
    throw new MediaHttpError(409, 'ALREADY_PUBLISHING', `${app}/${stream} is already live`);
  }
  const offer = typeof req.body === 'string' ? req.body : '';
  const result =
    kind === 'whip' ? await deps.webrtc.publish(app, stream, offer) : await deps.webrtc.play(app, stream, offer);
  return res
    .code(201)
    .header('content-type', 'application/sdp')
    .header('location', `/${kind}/session/${result.session}`)
    .send(result.answer);
}
