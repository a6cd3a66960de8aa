export default definePageConfig({
  navigationBarTitleText: '参会率',
  enablePullDownRefresh: true,
});
