export * from './DanmakuList/index';
export * from './hooks/index';
export * from './LiveRoomProvider/index';
export * from './LiveStatusBadge/index';
export * from './SubscribeButton/index';
export * from './shared/index';
export * from './theme/index';
