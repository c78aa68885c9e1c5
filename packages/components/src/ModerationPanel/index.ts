export { ModerationPanel, type ModerationPanelProps } from './ModerationPanel';
