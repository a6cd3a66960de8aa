export default definePageConfig({
  navigationBarTitleText: '导入企业台账',
});
