import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';

const platform = process.env.TARO_ENV ?? 'weapp';
// The browser tests' build (`pnpm test`): the same code unminified — minifying is ~40 % of the H5
// build's CPU (89 CPU-seconds minified, 55 without, measured 2026-12-05) and the tests never read the
// bundle's size (the weapp build, minified, checks the package sizes).
const forTests = process.env.DANGJIAN_TEST_BUILD === '1';

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'dangjian',
    date: '2026-11-22',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    // One folder per target so `build` can produce both without one wiping the other.
    outputRoot: `dist/${platform}`,
    plugins: [],
    defineConstants: {},
    env: {
      TARO_APP_API_BASE: JSON.stringify(process.env.TARO_APP_API_BASE ?? 'http://127.0.0.1:3000'),
    },
    alias: { '@': path.resolve(__dirname, '..', 'src') },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    terser: { enable: !forTests, config: {} },
    csso: { enable: !forTests, config: {} },
    mini: {
      // Component styles are BEM-scoped, so the order pages happen to import them in does not matter.
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      // Taro splits only initial chunks on H5, so every lazily loaded page carried its own copy of
      // React helpers, zod and our components; share them across pages instead.
      webpackChain(chain) {
        chain.optimization.splitChunks({
          chunks: 'all',
          hidePathInfo: true,
          minSize: 0,
          cacheGroups: {
            default: false,
            defaultVendors: false,
            taro: { name: 'taro', test: /[\\/]@tarojs[\\/]/, priority: 100 },
            vendors: { name: 'vendors', test: /[\\/]node_modules[\\/]/, minChunks: 2, priority: 10 },
            common: { name: 'common', minChunks: 2, priority: 1 },
          },
        });
      },
      publicPath: '/',
      staticDirectory: 'static',
      // Hash routing: the server serves index.html at `/` only, no history fallback needed.
      // The QR code and the screen link carry short paths (shared CHECKIN_SCAN_PATH / CHECKIN_SCREEN_PATH).
      router: {
        mode: 'hash',
        customRoutes: {
          '/packages/checkin/pages/scan/index': '/checkin/scan',
          '/packages/checkin/pages/screen/index': '/checkin/screen',
          '/packages/vote/pages/ballot/index': '/vote/ballot',
          '/packages/vote/pages/screen/index': '/vote/screen',
          '/packages/transfer/pages/verify/index': '/transfer/verify',
          // shared CARD_VERIFY_PATH: the member card's QR opens it from any phone camera
          '/packages/card/pages/verify/index': '/card/verify',
        },
      },
      output: { filename: 'js/[name].[hash:8].js', chunkFilename: 'js/[name].[chunkhash:8].js' },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[hash].css',
        chunkFilename: 'css/[name].[chunkhash].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  };
  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig);
  return merge({}, baseConfig, prodConfig);
});
