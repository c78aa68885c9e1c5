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
  const site = await serveStatic(options.dir, options.port ?? 0, options.host ?? '127.0.0.1', (req, res) => {
    if (req.url?.startsWith('/livesell.json')) {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify(options.config ?? null));
      return true;
    }
    return false;
  });
  return site;
}
