export default definePageConfig({ navigationBarTitleText: 'flood bench' });
