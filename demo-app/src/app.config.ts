export default defineAppConfig({
  pages: ['pages/rooms/index', 'pages/room/index', 'pages/host/index'],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#111',
    navigationBarTitleText: 'LiveSell',
    navigationBarTextStyle: 'white',
  },
});
