export default definePageConfig({ navigationBarTitleText: '企业联系人' });
