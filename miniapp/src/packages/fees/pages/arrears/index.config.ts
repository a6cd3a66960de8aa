export default definePageConfig({
  navigationBarTitleText: '欠交党费名单',
  enablePullDownRefresh: true,
});
