export default definePageConfig({
  navigationBarTitleText: 'PDCA 考评',
  enablePullDownRefresh: true,
});
