import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/cli.ts'],
  format: ['esm'],
  dts: { entry: 'src/index.ts' },
  clean: true,
  sourcemap: true,
  target: 'node20',
  platform: 'node',
  // Inside the workspace @livesell/core resolves to TypeScript source; bundling it keeps the built
  // server (and the `livesell-server` bin, which prefers dist) runnable by plain Node.
  noExternal: [/^@livesell\//],
});
