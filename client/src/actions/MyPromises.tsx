import { useState } from 'react';
import * as Y from 'yjs';
import { notesKey, type PublicBoardView } from '@candor/shared';
import { useWords } from '../i18n/useWords.js';
import { useSession, useSessionState } from '../board/SessionContext.js';
import { shareLink } from '../facilitation/ShareButton.js';
import { promisesCalendar } from './promisesCalendar.js';

/**
 * GP-6: in the closed retro's summary, the person who promised to help with actions takes them into their own calendar
 * (an .ics file made in this browser, one all-day event per action on its due day, a reminder the day before), so the
 * promise comes back to them before the next retro's Review asks about it. Nothing is sent: the file is built from the
 * public view (the actions, their due dates, their words in the notes) and this person's own `actionIds`.
 */
export function MyPromises({ board }: { board: PublicBoardView }) {
  const { t } = useWords();
  const session = useSession();
  const { me, notesSynced } = useSessionState();
  const [saved, setSaved] = useState(false);
  const mine = board.actions.filter((action) => !action.done && me?.actionIds.includes(action.id));
  if (mine.length === 0) return null;
  const dated = mine.filter((action) => action.dueDate);
  const undated = mine.length - dated.length;

  const save = () => {
    const notes = session.notesDoc.getMap<unknown>('notes');
    const textOf = (id: string) => {
      const value = notes.get(notesKey.action(id));
      return value instanceof Y.Text ? value.toString() : '';
    };
    const ics = promisesCalendar({
      boardId: board.id,
      promises: dated.map((action) => ({ id: action.id, text: textOf(action.id), dueDate: action.dueDate! })),
      title: (text) => t('summary.calendarEvent', { text }),
      description: t('summary.calendarDescription', { retro: board.name, link: shareLink(board.id) }),
      link: shareLink(board.id),
      now: new Date(),
    });
    const url = URL.createObjectURL(new Blob([ics], { type: 'text/calendar;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `${board.name || 'retro'}-my-promises.ics`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    setSaved(true);
  };

  return (
    <div className="my-promises">
      <p>
        {t('summary.yourPromises', { count: mine.length })}{' '}
        {dated.length > 0 && t('summary.calendarHint', { count: dated.length })}
        {undated > 0 && ` ${t('summary.calendarUndated', { count: undated })}`}
      </p>
      {/* the words are in the notes: before they arrive (a reload on a slow link) the file would say "Promise due: …",
          kept in a calendar for good, so the button waits for them */}
      {dated.length > 0 && notesSynced && (
        <button type="button" className="button" onClick={save}>
          {t('summary.calendarButton', { count: dated.length })}
        </button>
      )}
      {/* there before it speaks, so a screen reader hears it when it is filled */}
      <p className="hint" role="status">
        {saved ? t('summary.calendarSaved') : ''}
      </p>
    </div>
  );
}
