export default definePageConfig({
  navigationBarTitleText: '签到大屏',
  // A projector page, like the vote's: no navigation bar, the screen fills the window (100vh).
  navigationStyle: 'custom',
  pageOrientation: 'auto',
});
