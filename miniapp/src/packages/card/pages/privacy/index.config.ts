export default definePageConfig({ navigationBarTitleText: '名片公开展示设置' });
