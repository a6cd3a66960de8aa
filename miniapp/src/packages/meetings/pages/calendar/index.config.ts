export default definePageConfig({
  navigationBarTitleText: '三会一课日历',
  enablePullDownRefresh: true,
});
