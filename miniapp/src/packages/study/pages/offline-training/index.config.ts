export default definePageConfig({ navigationBarTitleText: '集中培训学时' });
