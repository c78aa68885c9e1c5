export { RemovedNotice, type RemovedNoticeProps } from './RemovedNotice';
