/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.svg';
declare module '*.css';

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production';
    TARO_ENV: 'weapp' | 'h5';
    TARO_APP_ID: string;
  }
}

declare const LIVESELL_SERVER_URL: string;

declare module 'tim-wx-sdk' {
  import TIM from 'tim-js-sdk';
  export default TIM;
}
