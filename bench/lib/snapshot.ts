import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * Copies a build output to a temporary folder, so a rebuild started while a benchmark runs
 * (someone else's `taro build`) cannot pull files from under it. `dispose()` removes the copy.
 */
export function snapshotDist(dist: string, name: string): { dir: string; dispose(): void } {
  const dir = join(mkdtempSync(join(tmpdir(), `livesell-bench-${name}-`)), name);
  cpSync(dist, dir, { recursive: true });
  return { dir, dispose: () => rmSync(dirname(dir), { recursive: true, force: true }) };
}
