export default definePageConfig({
  navigationBarTitleText: '党建知识',
  enablePullDownRefresh: true,
});
