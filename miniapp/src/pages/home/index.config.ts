export default definePageConfig({
  navigationBarTitleText: '智慧党建',
  enablePullDownRefresh: true,
});
