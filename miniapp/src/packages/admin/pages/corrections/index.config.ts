export default definePageConfig({
  navigationBarTitleText: '档案更正',
  enablePullDownRefresh: true,
});
