import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ffmpegPath } from './ffmpeg';
import { findFont, sceneFilter } from './test-pattern';

describe('the demo scene', () => {
  it('renders a 9:16 frame with ffmpeg (with a font: title and clock; without one: the gradient alone)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scene-'));
    try {
      for (const font of [findFont() ?? null, null]) {
        const out = join(dir, `${font ? 'text' : 'plain'}.png`);
        const filter = sceneFilter(360, 640, 25, "Lina's show: 100% tea", font);
        if (font) expect(filter).toContain('localtime');
        else expect(filter).not.toContain('drawtext');
        const run = spawnSync(ffmpegPath(), [
          '-hide_banner',
          '-loglevel',
          'error',
          '-y',
          '-f',
          'lavfi',
          '-i',
          filter,
          '-frames:v',
          '1',
          out,
        ]);
        expect(run.status, run.stderr.toString()).toBe(0);
        expect(existsSync(out)).toBe(true);
        const probe = spawnSync(ffmpegPath(), ['-hide_banner', '-i', out]);
        expect(probe.stderr.toString()).toMatch(/360x640/);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
