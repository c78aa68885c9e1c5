export type * from './module';
export { defaultModules } from './modules';
