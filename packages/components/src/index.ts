export * from './LiveStatusBadge/index';
export * from './SubscribeButton/index';
