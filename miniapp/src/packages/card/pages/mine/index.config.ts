export default definePageConfig({ navigationBarTitleText: '电子党员名片' });
