import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(__dirname, '..');

function files(dir: string, ext: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return files(path, ext);
    return ext.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

// Taro's own class for the native field inside its H5 Input, styled on purpose.
const FOREIGN = new Set(['weui-input']);

describe('class names', () => {
  it('every class the kit styles starts with ls-', () => {
    const offenders: string[] = [];
    for (const file of files(SRC, /\.css$/)) {
      const css = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
      // Selectors only: each prelude before a `{` (at-rule preludes skipped), never declarations.
      for (const prelude of css.matchAll(/([^{};]+)\{/g)) {
        const selector = prelude[1] ?? '';
        if (selector.trim().startsWith('@')) continue;
        for (const match of selector.matchAll(/\.(-?[_a-zA-Z][\w-]*)/g)) {
          const name = match[1] ?? '';
          if (!name.startsWith('ls-') && !FOREIGN.has(name)) offenders.push(`${file.slice(SRC.length)}: .${name}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });

  it('no component source still writes the old livesell- class prefix', () => {
    const offenders = files(SRC, /\.tsx?$/).filter((file) => /['"`]livesell-/.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
