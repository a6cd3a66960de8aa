export default definePageConfig({ navigationBarTitleText: '临时党支部' });
