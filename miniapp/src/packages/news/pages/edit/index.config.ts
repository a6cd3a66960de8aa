export default definePageConfig({ navigationBarTitleText: '写动态' });
