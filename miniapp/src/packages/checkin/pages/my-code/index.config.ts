export default definePageConfig({
  navigationBarTitleText: '我的签到码',
  navigationBarBackgroundColor: '#c8161d',
});
