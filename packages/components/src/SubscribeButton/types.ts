export type SubscribeState = 'idle' | 'loading' | 'subscribed' | 'error';

export interface SubscribeLabels {
  idle: string;
  loading: string;
  subscribed: string;
  /** Button text after a failure (tapping retries). */
  error: string;
  /** The message shown (as an alert) after a failure. */
  errorMessage: string;
  /** Shown when no `onSubscribe` handler is given on H5. */
  unavailable: string;
}

export const DEFAULT_SUBSCRIBE_LABELS: Readonly<SubscribeLabels> = {
  idle: 'Remind me',
  loading: 'Saving…',
  subscribed: 'Reminder set',
  error: 'Try again',
  errorMessage: 'Could not set the reminder.',
  unavailable: 'Reminders unavailable',
};

export interface SubscribeButtonProps {
  /** The WeChat live room id (`roomid` from `getliveinfo`). */
  roomId: number;
  /**
   * H5: stores a reminder request for the room (your backend, storage …). Resolve when stored,
   * reject to show the error state. Not used on weapp, where WeChat's plugin sends the reminder.
   */
  onSubscribe?: (roomId: number) => Promise<void> | void;
  /** H5, controlled: whether this viewer already asked for a reminder. */
  subscribed?: boolean;
  /** H5, uncontrolled: the initial value. */
  defaultSubscribed?: boolean;
  onSubscribedChange?: (subscribed: boolean) => void;
  onError?: (error: unknown) => void;
  labels?: Partial<SubscribeLabels>;
  /** weapp: stop the plugin's tap from bubbling, e.g. when the button sits inside a tappable room card. */
  stopPropagation?: boolean;
  className?: string;
}

export interface SubscribeSurfaceProps extends Omit<SubscribeButtonProps, 'labels'> {
  labels: SubscribeLabels;
}
