import type { SubscribeSurfaceProps } from './types';
import { useSubscribeState } from './use-subscribe-state';
import '../theme/tokens.css';
import './SubscribeButton.css';

/**
 * H5 has no live-player-plugin: a button that asks the app to store a reminder. This seam only
 * runs in the browser, so it uses a native `<button>` for its keyboard and screen-reader semantics.
 */
export function SubscribeSurface(props: SubscribeSurfaceProps) {
  const { labels, className } = props;
  const { state, subscribe, available } = useSubscribeState(props);
  const disabled = !available || state === 'loading' || state === 'subscribed';
  return (
    <div className={['ls-subscribe', `ls-subscribe--${state}`, className].filter(Boolean).join(' ')} data-state={state}>
      <button
        type="button"
        className="ls-subscribe__button"
        aria-pressed={state === 'subscribed'}
        aria-busy={state === 'loading'}
        disabled={disabled}
        onClick={() => void subscribe()}
      >
        {available ? labels[state] : labels.unavailable}
      </button>
      {state === 'error' ? (
        <span className="ls-subscribe__error" role="alert">
          {labels.errorMessage}
        </span>
      ) : null}
    </div>
  );
}
