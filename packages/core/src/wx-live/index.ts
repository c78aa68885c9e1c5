export * from './constants';
export * from './live-status-poller';
export * from './plugin';
export * from './return-params';
export * from './room-url';
export * from './visibility';
