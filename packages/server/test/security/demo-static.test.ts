import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveDemo } from '../../../../tests/support/demo-site';
import type { StaticServer } from '../../../../tests/support/static-server';

// Issue 11 item 9: the demo's static file server (scripts/demo.mjs, the browser tests). Loopback only.

let root: string;
let site: StaticServer;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'livesell-static-'));
  mkdirSync(join(root, 'h5'));
  mkdirSync(join(root, 'h5-private'));
  writeFileSync(join(root, 'h5', 'index.html'), '<!doctype html><title>demo</title>');
  writeFileSync(join(root, 'h5', 'app.js'), 'console.log(1)');
  writeFileSync(join(root, 'h5-private', 'secret.txt'), 'TOP-SECRET');
  site = await serveDemo({ dir: join(root, 'h5'), config: { httpUrl: 'http://x', wsUrl: 'ws://x', sdkAppID: 1 } });
});
afterAll(async () => {
  await site?.close();
  rmSync(root, { recursive: true, force: true });
});

/** GET with the path sent exactly as written (fetch would normalise it). */
function get(path: string): Promise<{ status: number; body: string }> {
  const u = new URL(site.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, path }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        body += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.setTimeout(5000, () => req.destroy(new Error('timeout')));
    req.end();
  });
}

describe('the demo static server', () => {
  it('answers a malformed % escape with 4xx and keeps serving', async () => {
    const bad = await get('/%E0%A4%A');
    expect(bad.status).toBeGreaterThanOrEqual(400);
    expect(bad.status).toBeLessThan(500);
    expect((await get('/app.js')).body).toBe('console.log(1)');
  });

  it('never serves a sibling directory whose name starts with the served one', async () => {
    for (const path of [
      '/..%2fh5-private%2fsecret.txt',
      '/../h5-private/secret.txt',
      '/%2e%2e/h5-private/secret.txt',
    ]) {
      const res = await get(path);
      expect(res.body).not.toContain('TOP-SECRET');
    }
    expect((await get('/app.js')).status).toBe(200);
  });

  it('serves the SPA fallback and the demo config', async () => {
    expect((await get('/pages/room/index')).body).toContain('<title>demo</title>');
    expect(JSON.parse((await get('/livesell.json')).body)).toMatchObject({ sdkAppID: 1 });
  });
});
