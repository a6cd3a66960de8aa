/// <reference types="@tarojs/taro" />

declare module '*.png' {
  const src: string;
  export default src;
}
declare module '*.scss';

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production' | 'test';
    TARO_ENV: 'weapp' | 'h5';
    /** API origin for the weapp build (H5 calls its own origin). */
    TARO_APP_API_BASE?: string;
  }
}
