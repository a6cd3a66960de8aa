export default definePageConfig({
  navigationBarTitleText: '指数分析',
});
