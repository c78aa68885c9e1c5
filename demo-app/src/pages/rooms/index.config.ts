export default definePageConfig({ navigationBarTitleText: 'rooms' });
