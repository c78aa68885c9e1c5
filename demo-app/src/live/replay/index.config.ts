export default definePageConfig({ navigationBarTitleText: 'replay' });
