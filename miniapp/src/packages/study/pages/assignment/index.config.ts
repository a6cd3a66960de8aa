export default definePageConfig({ navigationBarTitleText: '必修课程完成情况', enablePullDownRefresh: true });
