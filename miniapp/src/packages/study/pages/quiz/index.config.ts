export default definePageConfig({ navigationBarTitleText: '课程测验' });
