export default definePageConfig({
  navigationBarTitleText: '转接详情',
  enablePullDownRefresh: true,
});
