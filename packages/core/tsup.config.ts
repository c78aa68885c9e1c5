import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  dts: true,
  clean: true,
  sourcemap: true,
  // Taro does not transpile node_modules: what ships must already parse on WeChat's oldest engines.
  target: 'es2015',
  treeshake: true,
});
