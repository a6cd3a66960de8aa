export default definePageConfig({ navigationBarTitleText: '学习督促', enablePullDownRefresh: true });
