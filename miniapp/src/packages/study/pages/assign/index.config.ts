export default definePageConfig({ navigationBarTitleText: '布置必修课程' });
