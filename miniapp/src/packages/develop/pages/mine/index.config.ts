export default definePageConfig({
  navigationBarTitleText: '我的入党进度',
  enablePullDownRefresh: true,
});
