export default definePageConfig({
  navigationBarTitleText: '党费收缴统计',
  enablePullDownRefresh: true,
});
