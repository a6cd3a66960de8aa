export default definePageConfig({
  navigationBarTitleText: '指数口径',
  enablePullDownRefresh: true,
});
