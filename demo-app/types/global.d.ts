/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.svg';
declare module '*.css';

declare const LIVESELL_SERVER_URL: string;

declare module 'tim-wx-sdk' {
  import TIM from 'tim-js-sdk';
  export default TIM;
}
