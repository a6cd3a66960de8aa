export default definePageConfig({
  navigationBarTitleText: '支部考评任务',
  enablePullDownRefresh: true,
});
