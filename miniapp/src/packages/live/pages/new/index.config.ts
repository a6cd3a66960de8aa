export default definePageConfig({ navigationBarTitleText: '安排直播课' });
