export * from './live-status';
