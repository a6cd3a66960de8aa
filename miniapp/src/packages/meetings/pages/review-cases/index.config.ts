export default definePageConfig({
  navigationBarTitleText: '审查事项',
  enablePullDownRefresh: true,
});
