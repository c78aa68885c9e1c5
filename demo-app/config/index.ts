import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';

const root = path.resolve(__dirname, '..', '..');
// Workspace packages are consumed as TypeScript source: Taro must compile them too.
const workspaceSources = ['core', 'components'].map((p) => path.join(root, 'packages', p, 'src'));
// `LIVESELL_BENCH=1` adds the benchmark page (app.config.ts) and builds to dist/<platform>-bench, so the
// shipped build in dist/<platform> never contains it.
const bench = process.env.LIVESELL_BENCH === '1';
// package.json's browserslist: `production`/`development` are Taro's ES5 convention for the mini
// program (WeChat's oldest engines, `es6: false` in project.config.json); `h5` is the browsers' list.
if (process.env.TARO_ENV === 'h5' && !process.env.BROWSERSLIST_ENV) process.env.BROWSERSLIST_ENV = 'h5';

export default defineConfig<'webpack5'>(async (merge) => {
  const base: UserConfigExport<'webpack5'> = {
    projectName: 'livesell-demo',
    date: '2026-11-26',
    designWidth: 375,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${process.env.TARO_ENV}${bench ? '-bench' : ''}`,
    plugins: [],
    defineConstants: {
      LIVESELL_SERVER_URL: JSON.stringify(process.env.LIVESELL_SERVER_URL ?? ''),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: {
      enable: process.env.CI !== 'true',
      // One cache per output (the bench build must not reuse the shipped one), rebuilt when the
      // browserslist or the Babel config change.
      name: `${process.env.NODE_ENV}-${process.env.TARO_ENV}${bench ? '-bench' : ''}`,
      buildDependencies: {
        targets: [path.join(__dirname, '..', 'package.json'), path.join(__dirname, '..', 'babel.config.js')],
      },
    },
    mini: {
      compile: { include: workspaceSources },
      postcss: { pxtransform: { enable: true, config: {} }, cssModules: { enable: false } },
      webpackChain(chain) {
        // One copy of the Taro runtime: workspace packages would otherwise resolve their own.
        chain.resolve.alias.set('@tarojs/taro$', require.resolve('@tarojs/taro'));
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      compile: { include: workspaceSources },
      output: { filename: 'js/[name].[contenthash:8].js', chunkFilename: 'js/[name].[contenthash:8].js' },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      router: { mode: 'hash' },
      postcss: { autoprefixer: { enable: true, config: {} }, cssModules: { enable: false } },
    },
  };
  return merge({}, base);
});
