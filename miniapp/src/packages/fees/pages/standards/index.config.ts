export default definePageConfig({
  navigationBarTitleText: '党费基数与账单',
  enablePullDownRefresh: true,
});
