import { parseArgs } from 'node:util';
import { DEV_SDK_APP_ID, DEV_SECRET_KEY } from './dev-keys';
import { genUserSig } from './usersig';

const HELP = `livesell-server: the LiveSell local server (IM, admin REST, modules)

Usage:
  livesell-server [options]                    start the server
  livesell-server usersig <userID> [options]   print a UserSig (backend/dev tool)

Options:
  --port <n>          port to listen on (default 8990; 0 = any free port)
  --host <addr>       address to bind (default 127.0.0.1)
  --data-dir <dir>    where livesell.db lives (default ./.data)
  --sdk-app-id <n>    SDKAppID (default ${DEV_SDK_APP_ID}, or $LIVESELL_SDK_APP_ID)
  --secret-key <key>  UserSig secret (default: a well-known dev key, or $LIVESELL_SECRET_KEY)
  --admin <userID>    administrator account (default administrator)
  --dev-usersig       serve GET /v4/usersig?userID=… for demos. Never in production:
                      anyone who can reach the server could sign in as anyone.
  --seed-demo         create the demo room (demo-room, host "host") with its goods, as
                      \`npm run demo\` does; idempotent, safe on every start
  --allowed-host <h>  also accept this Host name (repeatable; loopback names always pass)
  --allowed-origin <o>
                      also accept this page origin for CORS and the IM WebSocket
                      (repeatable; pages on localhost/127.0.0.1/[::1] always pass)
  --max-rooms-per-user <n>
                      rooms one user may own (default 50)
  --insecure-allow-dev-on-network
                      allow --host beyond loopback with the dev secret key or
                      --dev-usersig. Anyone on the network can then sign in as
                      anyone: for a lab network only.
  --expire <s>        usersig: lifetime in seconds (default 604800 = 7 days)
  -h, --help          show this help

The secret key signs every login. Keep it on your backend; never ship it to a client.`;

function fail(message: string): never {
  process.stderr.write(`livesell-server: ${message}\nRun livesell-server --help for usage.\n`);
  process.exit(2);
}

function int(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) fail(`${name} must be a non-negative integer`);
  return n;
}

async function main(argv: string[]): Promise<void> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    fail((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  const sdkAppID = int(values['sdk-app-id'] ?? process.env.LIVESELL_SDK_APP_ID, '--sdk-app-id', DEV_SDK_APP_ID);
  const secretKey = values['secret-key'] ?? process.env.LIVESELL_SECRET_KEY ?? DEV_SECRET_KEY;

  if (positionals[0] === 'usersig') {
    const userID = positionals[1];
    if (!userID) fail('usersig needs a userID');
    const expire = int(values.expire, '--expire', 7 * 24 * 3600);
    if (expire === 0) fail('--expire must be positive');
    process.stdout.write(`${genUserSig({ sdkAppID, secretKey, userID, expire })}\n`);
    return;
  }
  if (positionals.length > 0) fail(`unknown command "${positionals[0]}"`);

  // Loaded only to serve: `usersig`, `--help` and bad usage answer without the whole server.
  const { startLiveServer } = await import('./start');
  const server = await startLiveServer({
    port: int(values.port, '--port', 8990),
    host: values.host ?? '127.0.0.1',
    dataDir: values['data-dir'] ?? '.data',
    sdkAppID,
    secretKey,
    adminUserID: values.admin,
    devUserSig: values['dev-usersig'] === true,
    insecureAllowDevOnNetwork: values['insecure-allow-dev-on-network'] === true,
    allowedHosts: values['allowed-host'] ?? [],
    allowedOrigins: values['allowed-origin'] ?? [],
    limits: { roomsPerUser: int(values['max-rooms-per-user'], '--max-rooms-per-user', 50) },
    log: (message) => process.stderr.write(`${message}\n`),
  });
  const seeded = values['seed-demo'] === true ? await (await import('./demo')).seedDemo(server) : undefined;
  const lines = [
    'LiveSell local server',
    `  HTTP      ${server.httpUrl}   (admin REST under /v4/admin, room list at /v4/rooms)`,
    `  IM        ${server.wsUrl}   (createLocalTIM({ url }))`,
    `  SDKAppID  ${server.sdkAppID}`,
    `  admin     ${server.adminUserID}   (Authorization: Bearer ${server.adminUserID}:<UserSig>)`,
    `  data      ${server.dataDir}`,
  ];
  if (secretKey === DEV_SECRET_KEY)
    lines.push('  secret    the built-in dev key: fine on your machine, never in production');
  if (seeded) lines.push(`  demo      room ${seeded.roomID}, host ${seeded.ownerID}, goods on the shelf`);
  if (values['dev-usersig']) lines.push(`  usersig   ${server.httpUrl}/v4/usersig?userID=…   (dev only!)`);
  if (server.adminUserID !== 'administrator') {
    lines.push(
      `  clients   pass serverUserIDs: ['${server.adminUserID}'] to TIMLiveSell; "administrator" is refused at login`,
    );
  }
  for (const module of server.modules) {
    lines.push(`  module    ${module.name}${module.info ? ` ${JSON.stringify(module.info)}` : ''}`);
  }
  process.stdout.write(`${lines.join('\n')}\n\nCtrl+C to stop.\n`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      'sdk-app-id': { type: 'string' },
      'secret-key': { type: 'string' },
      admin: { type: 'string' },
      'dev-usersig': { type: 'boolean' },
      'seed-demo': { type: 'boolean' },
      'insecure-allow-dev-on-network': { type: 'boolean' },
      'allowed-host': { type: 'string', multiple: true },
      'allowed-origin': { type: 'string', multiple: true },
      'max-rooms-per-user': { type: 'string' },
      expire: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`livesell-server: ${(error as Error).message ?? String(error)}\n`);
  process.exit(1);
});
