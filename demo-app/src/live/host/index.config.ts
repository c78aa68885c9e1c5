export default definePageConfig({ navigationBarTitleText: 'host' });
