export default definePageConfig({ navigationBarTitleText: '新建志愿服务队' });
