export default definePageConfig({
  navigationBarTitleText: '法规原文',
  enablePullDownRefresh: true,
});
