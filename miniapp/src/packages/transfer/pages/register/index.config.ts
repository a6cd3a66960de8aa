export default definePageConfig({
  navigationBarTitleText: '登记转入',
});
