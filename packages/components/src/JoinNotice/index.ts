export { JoinNotice, type JoinNoticeProps } from './JoinNotice';
