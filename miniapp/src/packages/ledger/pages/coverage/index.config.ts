export default definePageConfig({
  navigationBarTitleText: '党建覆盖率',
  enablePullDownRefresh: true,
});
