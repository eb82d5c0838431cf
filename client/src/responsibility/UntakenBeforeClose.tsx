import { useWords } from '../i18n/useWords.js';
import { notesKey, type PublicAction, type PublicBoardView } from '@candor/shared';
import { useSharedText, useTextValue } from '../notes/useSharedText.js';

/** AK-3: before Close, the room sees every action nobody in it has taken yet. */
export function UntakenBeforeClose({ board }: { board: PublicBoardView }) {
  const { t } = useWords();
  const untaken = board.actions.filter((a) => a.kind === 'untaken');
  if (untaken.length === 0) return null;
  return (
    <section className="panel untaken-panel" aria-labelledby="untaken-title">
      <h2 id="untaken-title">{t('resp.untakenTitle', { count: untaken.length })}</h2>
      <p>{t('resp.untakenPrompt')}</p>
      <ul className="untaken-list">
        {untaken.map((action) => (
          <UntakenRow key={action.id} action={action} />
        ))}
      </ul>
    </section>
  );
}

function UntakenRow({ action }: { action: PublicAction }) {
  const text = useTextValue(useSharedText(notesKey.action(action.id)));
  return <li>{text || '…'}</li>;
}
