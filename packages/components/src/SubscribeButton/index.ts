export { SubscribeButton } from './SubscribeButton';
export {
  DEFAULT_SUBSCRIBE_LABELS,
  type SubscribeButtonProps,
  type SubscribeLabels,
  type SubscribeState,
} from './types';
