import { type StaticServer, serveStatic } from './static-server';

export interface DemoConfig {
  httpUrl: string;
  wsUrl: string;
  sdkAppID: number;
}

/**
 * Serves the built H5 demo and tells it where the local server is: `/livesell.json` carries the
 * server URLs so one build works against any port (the demo command, the browser tests).
 */
export async function serveDemo(options: {
  dir: string;
  port?: number;
  host?: string;
  config?: DemoConfig;
}): Promise<StaticServer> {
  return serveStatic(options.dir, options.port ?? 0, options.host ?? '127.0.0.1', (app) => {
    app.get('/livesell.json', async (_request, reply) =>
      reply.header('cache-control', 'no-store').send(options.config ?? null),
    );
  });
}
