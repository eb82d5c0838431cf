import { setPresenting, usePresenting } from './presenting.js';

/** AN-11: one click hides every mark of what is mine, for sharing the screen; one click brings it back. */
export function PresentingToggle() {
  const presenting = usePresenting();
  return (
    <button
      type="button"
      className={`small presenting-toggle ${presenting ? 'on' : ''}`}
      aria-pressed={presenting}
      title="Hides every mark of what is yours (badges, edit and delete, your votes and answers) while you share your screen"
      onClick={() => setPresenting(!presenting)}
    >
      {presenting ? 'Presenting: your marks are hidden' : 'Presenting'}
    </button>
  );
}

/** AN-11: at Reveal the facilitator, who usually shares their screen, is offered presenting mode. */
export function PresentingSuggestion() {
  const presenting = usePresenting();
  if (presenting) return null;
  return (
    <p className="hint presenting-suggestion" role="note">
      Sharing your screen? Your own cards are marked “yours” on it.{' '}
      <button type="button" className="link small" onClick={() => setPresenting(true)}>
        Turn on presenting mode
      </button>{' '}
      to hide every mark of what is yours until you turn it off.
    </p>
  );
}
