import { useEffect, useRef } from 'react';

/**
 * UI-10: a part that opens from a button (a picker, an editor) gives focus back to that button when it closes, as a
 * disclosure does; left to the focus rescue, focus went to the first control near where the part stood (another
 * card's grip, the trust pulse's "1", which the next arrow key would answer). `opener` goes on the button; call
 * `closing` where the part is closed, before `open` turns false.
 */
export function useFocusBackOnClose(open: boolean) {
  const opener = useRef<HTMLButtonElement | null>(null);
  const asked = useRef(false);
  useEffect(() => {
    if (open || !asked.current) return;
    asked.current = false;
    opener.current?.focus();
  }, [open]);
  return {
    opener,
    closing: () => {
      asked.current = true;
    },
  };
}
