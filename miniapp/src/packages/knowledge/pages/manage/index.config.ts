export default definePageConfig({
  navigationBarTitleText: '问答管理',
  enablePullDownRefresh: true,
});
