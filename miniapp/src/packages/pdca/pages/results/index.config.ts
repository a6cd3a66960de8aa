export default definePageConfig({
  navigationBarTitleText: '考评结果',
  enablePullDownRefresh: true,
});
