export default definePageConfig({
  navigationBarTitleText: '约谈记录',
});
