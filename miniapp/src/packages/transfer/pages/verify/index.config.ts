export default definePageConfig({
  navigationBarTitleText: '查验介绍信',
});
