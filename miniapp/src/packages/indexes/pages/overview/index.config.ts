export default definePageConfig({
  navigationBarTitleText: '五个指数',
  enablePullDownRefresh: true,
});
