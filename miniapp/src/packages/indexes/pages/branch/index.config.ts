export default definePageConfig({
  navigationBarTitleText: '支部指数',
  enablePullDownRefresh: true,
});
