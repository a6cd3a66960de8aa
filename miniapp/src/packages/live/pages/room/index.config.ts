export default definePageConfig({ navigationBarTitleText: '红色直播间' });
