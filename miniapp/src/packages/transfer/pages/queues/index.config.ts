export default definePageConfig({
  navigationBarTitleText: '转接办理',
  enablePullDownRefresh: true,
});
