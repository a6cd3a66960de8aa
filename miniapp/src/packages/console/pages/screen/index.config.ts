export default definePageConfig({
  navigationBarTitleText: '党建数据大屏',
  // The hall's screen shows no title bar: the page draws its own header.
  navigationStyle: 'custom',
  pageOrientation: 'landscape',
});
