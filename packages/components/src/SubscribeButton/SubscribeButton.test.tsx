import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SubscribeButton } from './SubscribeButton';

// Taro resolves `./surface` to `surface.h5.tsx` in H5 builds; vitest does not, so the H5 seam is
// swapped in here. surface.test.tsx covers the weapp seam.
vi.mock('./surface', async () => await import('./surface.h5'));

afterEach(cleanup);

function deferred() {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const button = () => screen.getByRole('button');
const flush = () => act(async () => {});

describe('SubscribeButton (H5 fallback)', () => {
  it('stores a reminder through onSubscribe: idle → loading → subscribed', async () => {
    const d = deferred();
    const onSubscribe = vi.fn(() => d.promise);
    const onSubscribedChange = vi.fn();
    const { container } = render(
      <SubscribeButton roomId={354} onSubscribe={onSubscribe} onSubscribedChange={onSubscribedChange} />,
    );
    expect(button().textContent).toBe('Remind me');
    expect(button().getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(button());
    await flush();
    expect(onSubscribe).toHaveBeenCalledWith(354);
    expect(button().getAttribute('aria-busy')).toBe('true');
    expect(button().textContent).toBe('Saving…');
    expect(container.querySelector('[data-state]')?.getAttribute('data-state')).toBe('loading');
    fireEvent.click(button());
    await act(async () => d.resolve());
    expect(onSubscribe).toHaveBeenCalledTimes(1);
    expect(button().textContent).toBe('Reminder set');
    expect(button().getAttribute('aria-pressed')).toBe('true');
    expect((button() as HTMLButtonElement).disabled).toBe(true);
    expect(onSubscribedChange).toHaveBeenCalledWith(true);
    fireEvent.click(button());
    await flush();
    expect(onSubscribe).toHaveBeenCalledTimes(1);
  });

  it('shows an alert when storing fails and retries on the next tap', async () => {
    const onError = vi.fn();
    const onSubscribe = vi.fn().mockRejectedValueOnce(new Error('offline')).mockResolvedValueOnce(undefined);
    render(<SubscribeButton roomId={1} onSubscribe={onSubscribe} onError={onError} />);
    fireEvent.click(button());
    await flush();
    expect(screen.getByRole('alert').textContent).toBe('Could not set the reminder.');
    expect(button().textContent).toBe('Try again');
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: 'offline' }));
    fireEvent.click(button());
    await flush();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(button().getAttribute('aria-pressed')).toBe('true');
    expect(onSubscribe).toHaveBeenCalledTimes(2);
  });

  it('is controlled by `subscribed`', async () => {
    const onSubscribe = vi.fn(async () => {});
    const { rerender } = render(<SubscribeButton roomId={1} subscribed={false} onSubscribe={onSubscribe} />);
    fireEvent.click(button());
    await flush();
    // The parent has not flipped `subscribed` yet.
    expect(button().getAttribute('aria-pressed')).toBe('false');
    rerender(<SubscribeButton roomId={1} subscribed onSubscribe={onSubscribe} />);
    expect(button().textContent).toBe('Reminder set');
  });

  it('is disabled and says so without an onSubscribe handler', () => {
    render(<SubscribeButton roomId={1} />);
    expect(button().textContent).toBe('Reminders unavailable');
    expect((button() as HTMLButtonElement).disabled).toBe(true);
  });

  it('starts over for another room, and drops a result for the previous one', async () => {
    const d = deferred();
    const onSubscribe = vi.fn(() => d.promise);
    const { rerender } = render(<SubscribeButton roomId={1} onSubscribe={onSubscribe} />);
    fireEvent.click(button());
    await flush();
    rerender(<SubscribeButton roomId={2} onSubscribe={onSubscribe} />);
    await act(async () => d.resolve());
    expect(button().textContent).toBe('Remind me');
    expect(button().getAttribute('aria-busy')).toBe('false');
  });

  it('uses custom labels and renders nothing for an invalid room id', () => {
    const { container, rerender } = render(
      <SubscribeButton roomId={1} onSubscribe={async () => {}} labels={{ idle: '开播提醒' }} />,
    );
    expect(button().textContent).toBe('开播提醒');
    rerender(<SubscribeButton roomId={0} onSubscribe={async () => {}} />);
    expect(container.innerHTML).toBe('');
  });
});
