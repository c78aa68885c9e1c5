import { execFile, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { DEV_SDK_APP_ID, verifyUserSig } from '../../src/index';

// The source runs through tsx, as the bin does in the workspace; a stale `dist` cannot mask it.
const cli = fileURLToPath(new URL('../../src/cli.ts', import.meta.url));
const root = fileURLToPath(new URL('../../../..', import.meta.url));
const execFileAsync = promisify(execFile);
const run = (args: string[]) => execFileAsync(process.execPath, ['--import', 'tsx', cli, ...args], { cwd: root });

describe('livesell-server CLI', () => {
  it('usersig prints a UserSig that verifies with the given app and key', async () => {
    const { stdout } = await run([
      'usersig',
      'alice',
      '--expire',
      '120',
      '--sdk-app-id',
      '1400000042',
      '--secret-key',
      'k1',
    ]);
    const check = verifyUserSig({ sdkAppID: 1400000042, secretKey: 'k1', userSig: stdout.trim(), userID: 'alice' });
    expect(check.ok).toBe(true);
    expect((check.expireAt ?? 0) - Date.now() / 1000).toBeLessThanOrEqual(120);
  });

  it('refuses bad usage with exit code 2', async () => {
    await expect(run(['usersig'])).rejects.toMatchObject({ code: 2 });
    await expect(run(['--port', 'abc'])).rejects.toMatchObject({ code: 2 });
  });

  it('starts the server, prints its URLs, and stops on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'livesell-cli-'));
    const child = spawn(process.execPath, ['--import', 'tsx', cli, '--port', '0', '--data-dir', dataDir], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let out = '';
      child.stdout.on('data', (d) => {
        out += String(d);
      });
      const started = Date.now();
      while (!/IM\s+ws:\/\//.test(out) && Date.now() - started < 15_000) await new Promise((r) => setTimeout(r, 50));
      const httpUrl = /HTTP\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
      expect(out).toContain(`SDKAppID  ${DEV_SDK_APP_ID}`);
      expect(httpUrl).toBeDefined();
      const health = await fetch(`${httpUrl}/v4/health`);
      expect(await health.json()).toEqual({ ok: true });
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it('--seed-demo gives a server started alone the demo room with its goods', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'livesell-cli-'));
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', cli, '--port', '0', '--data-dir', dataDir, '--seed-demo'],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    try {
      let out = '';
      child.stdout.on('data', (d) => {
        out += String(d);
      });
      const started = Date.now();
      while (!/Ctrl\+C/.test(out) && Date.now() - started < 15_000) await new Promise((r) => setTimeout(r, 50));
      expect(out).toMatch(/demo\s+room demo-room/);
      const httpUrl = /HTTP\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
      const rooms = (await (await fetch(`${httpUrl}/v4/rooms`)).json()) as { rooms: { groupID: string }[] };
      expect(rooms.rooms.map((r) => r.groupID)).toContain('demo-room');
      const goods = (await (await fetch(`${httpUrl}/v4/merchant/rooms/demo-room/goods`)).json()) as {
        goods: unknown[];
      };
      expect(goods.goods.length).toBeGreaterThan(0);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
