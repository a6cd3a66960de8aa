export default definePageConfig({ navigationBarTitleText: '先锋岗与荣誉' });
