export default definePageConfig({
  navigationBarTitleText: '党建动态',
  enablePullDownRefresh: true,
});
