export default definePageConfig({ navigationBarTitleText: '党员名片核验' });
