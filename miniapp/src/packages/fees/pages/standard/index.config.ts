export default definePageConfig({
  navigationBarTitleText: '党费基数',
});
