import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';

export interface StaticServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/**
 * Serves a built H5 app from `dir` (index.html for unknown paths, as a SPA host does) with
 * @fastify/static: paths are decoded and confined to `dir` by a maintained library, so a
 * malformed `%` escape is a 400 and `..%2f` cannot reach a sibling directory. `routes` adds
 * routes of its own (e.g. the demo's `/livesell.json`).
 */
export async function serveStatic(
  dir: string,
  port = 0,
  host = '127.0.0.1',
  routes?: (app: FastifyInstance) => void,
): Promise<StaticServer> {
  const root = resolve(dir);
  const app = Fastify({ logger: false, forceCloseConnections: true });
  await app.register(fastifyStatic, {
    root,
    wildcard: false,
    index: 'index.html',
    dotfiles: 'deny',
    setHeaders(reply, path) {
      reply.header('cache-control', path.endsWith('index.html') ? 'no-cache' : 'public, max-age=31536000, immutable');
    },
  });
  routes?.(app);
  app.setNotFoundHandler((request, reply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return reply.code(404).send();
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
  await app.listen({ port, host });
  const { port: actual } = app.server.address() as AddressInfo;
  return {
    url: `http://${host}:${actual}`,
    server: app.server,
    close: () => app.close(),
  };
}
