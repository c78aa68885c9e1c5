import { act, cleanup, fireEvent, render } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { useDialogFocus } from './use-dialog-focus.h5';

afterEach(cleanup);

function Sheet() {
  const [open, setOpen] = useState(false);
  useDialogFocus('sheet', open, () => setOpen(false));
  return (
    <div>
      <button type="button" onClick={() => setOpen(true)}>
        open
      </button>
      {open ? (
        <div id="sheet" role="dialog">
          <button type="button">first</button>
          <input aria-label="middle" />
          <button type="button">last</button>
        </div>
      ) : null}
    </div>
  );
}

describe('useDialogFocus (H5)', () => {
  it('moves focus in, keeps Tab inside, closes on Escape and gives focus back', () => {
    const { getByText, queryByRole } = render(<Sheet />);
    const opener = getByText('open');
    opener.focus();
    act(() => opener.click());
    expect(document.activeElement).toBe(getByText('first'));

    getByText('last').focus();
    fireEvent.keyDown(document, { key: 'Tab' });
    expect(document.activeElement).toBe(getByText('first'));
    fireEvent.keyDown(document, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(getByText('last'));

    fireEvent.keyDown(document, { key: 'Escape' });
    expect(queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });
});
