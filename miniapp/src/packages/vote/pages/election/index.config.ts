export default definePageConfig({
  navigationBarTitleText: '选举',
  enablePullDownRefresh: true,
});
