export default definePageConfig({
  navigationBarTitleText: '投票大屏',
  navigationStyle: 'custom',
});
