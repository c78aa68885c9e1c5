export default definePageConfig({ navigationBarTitleText: 'room' });
