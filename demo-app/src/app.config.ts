// The benchmark page is not part of the shipped app: `LIVESELL_BENCH=1` builds (`pnpm build:bench`,
// to dist/<platform>-bench) add it. This file is evaluated by Taro in Node at build time.
const benchPages = process.env.LIVESELL_BENCH === '1' ? ['pages/bench/index'] : [];

export default defineAppConfig({
  pages: ['pages/rooms/index', ...benchPages],
  subPackages: [
    // The kit lives here: the viewer room, host console and replay page, with the IM SDK, @livesell/core and
    // @livesell/components (Taro's optimizeMainPackage moves modules only these pages use into the
    // subpackage), so the main package stays small. See docs/guides/add-to-existing-mini-program.md.
    { root: 'live', pages: ['room/index', 'host/index', 'replay/index'] },
    // WeChat's live-player-plugin, declared in a subpackage as WeChat's guide shows, so it stays out of the main package.
    {
      root: 'pages/rooms/wechat',
      pages: ['index'],
      plugins: {
        'live-player-plugin': {
          version: '1.0.0', // the latest version is shown in WeChat DevTools
          provider: 'wx2b03c6e691cd7370', // the plugin's AppID: never change it
        },
      },
    },
  ],
  // Download the live subpackage while the viewer looks at the room list, so entering a room is instant.
  preloadRule: {
    'pages/rooms/index': { network: 'all', packages: ['live'] },
  },
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#111',
    navigationBarTitleText: 'LiveSell',
    navigationBarTextStyle: 'white',
  },
});
