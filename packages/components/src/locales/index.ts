export { formatNoticeZh, ZH_CN } from './zh-CN';
