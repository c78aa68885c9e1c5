export { DEFAULT_LIKE_LABELS, LikeButton, type LikeButtonProps, type LikeLabels } from './LikeButton';
