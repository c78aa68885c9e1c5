export default defineAppConfig({
  pages: ['pages/rooms/index', 'pages/room/index', 'pages/host/index', 'pages/bench/index'],
  // WeChat's live-player-plugin, declared in a subpackage as WeChat's guide shows, so it stays out of the main package.
  subPackages: [
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
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#111',
    navigationBarTitleText: 'LiveSell',
    navigationBarTextStyle: 'white',
  },
});
