export default definePageConfig({
  navigationBarTitleText: '考评任务',
  enablePullDownRefresh: true,
});
