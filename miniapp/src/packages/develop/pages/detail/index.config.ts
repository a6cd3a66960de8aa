export default definePageConfig({
  navigationBarTitleText: '发展党员详情',
  enablePullDownRefresh: true,
});
