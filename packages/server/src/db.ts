import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'libsql';
import type { SqlDatabase } from './module';

export const DATABASE_FILE = 'livesell.db';

/** Opens (or creates) `livesell.db` in `dataDir` in WAL mode, so readers never block the IM writer. */
export function openDatabase(dataDir: string): SqlDatabase {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, DATABASE_FILE));
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA synchronous = NORMAL');
  db.exec('PRAGMA busy_timeout = 5000');
  return db as unknown as SqlDatabase;
}
