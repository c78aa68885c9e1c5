export default definePageConfig({
  navigationBarTitleText: 'WeChat live rooms',
  // WeChat's subscribe component; usable here because this subpackage declares live-player-plugin.
  usingComponents: {
    subscribe: 'plugin-private://wx2b03c6e691cd7370/components/subscribe/subscribe',
  },
});
