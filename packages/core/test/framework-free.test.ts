import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { findForbiddenImports } from '../../../scripts/check-core-imports.mjs';

const forbidden =
  /node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?(react|react-dom|@tarojs|tim-js-sdk|tim-wx-sdk|@tencentcloud)\//;

describe('@livesell/core is framework-free', () => {
  it('bundles without React, Taro or the TIM SDK', async () => {
    const result = await build({
      entryPoints: [new URL('../src/index.ts', import.meta.url).pathname],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'neutral',
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((p) => p.endsWith('src/index.ts'))).toBe(true);
    expect(inputs.filter((p) => forbidden.test(p))).toEqual([]);
  });

  it('the import checker flags a runtime import and ignores a type-only one', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'core-imports-'));
    writeFileSync(join(dir, 'a.ts'), "import type { Message } from 'tim-js-sdk';\nimport { useState } from 'react';\n");
    expect(findForbiddenImports(dir)).toEqual([expect.stringContaining(': react')]);
  });
});
