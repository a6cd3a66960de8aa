export default definePageConfig({ navigationBarTitleText: '服务目录与会议室' });
