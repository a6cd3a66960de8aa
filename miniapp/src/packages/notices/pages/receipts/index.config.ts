export default definePageConfig({
  navigationBarTitleText: '阅读回执',
  enablePullDownRefresh: true,
});
