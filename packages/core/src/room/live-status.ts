export * from './live-status-codes';
export * from './live-status-machine';
export * from './live-status-reducer';
