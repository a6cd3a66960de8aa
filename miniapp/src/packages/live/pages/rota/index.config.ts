export default definePageConfig({ navigationBarTitleText: '红色主播轮值表' });
