import { useWords } from '../i18n/useWords.js';
import { useCallback } from 'react';
import type { PublicBoardView } from '@candor/shared';
import { useReadOnly } from '../facilitation/useReadOnly.js';
import { RevealedColumns } from '../cards/RevealedColumns.js';
import { VoteControls, VotesLeft } from '../votes/VoteControls.js';
import { PhaseIntro } from './PhaseIntro.js';
import { DoneToggle } from '../facilitation/DoneToggle.js';
import { UnsentCards } from './UnsentWords.js';
import { useSessionState } from '../board/SessionContext.js';
import { StickyBand } from '../layout/StickyBand.js';
import { useCoarsePointer } from '../layout/useIsPhone.js';

export function VotePhase({ board }: { board: PublicBoardView }) {
  const { t } = useWords();
  const readOnly = useReadOnly(board);
  const { isFacilitator } = useSessionState();
  // VO-14: the arrow keys between a column's votes, said where there is a keyboard (UI-48: not on a touch screen)
  const touch = useCoarsePointer();
  // VO-11: with fewer people in the retro than the totals take (AN-12), they cannot show: the facilitator hears it now
  const needed = board.minOthersToShow + 1;
  const tooFew = isFacilitator && board.participants.length < needed;
  const cap = board.settings.perItemCap;
  // the same function while the cap and the lock stay: each card's votes are drawn again only when they change
  const votesFor = useCallback((itemId: string, label: string) => <VoteControls itemId={itemId} label={label} perItemCap={cap} readOnly={readOnly} />, [cap, readOnly]);
  return (
    <>
      <PhaseIntro title={t('vote.title')}>
        {t('vote.intro', { cap: board.settings.perItemCap })} {t('vote.shownWhen', { needed: board.minOthersToShow + 1 })}
      </PhaseIntro>
      {tooFew && (
        <p className="hint" role="note">
          {t('vote.tooFewPeople', { count: board.participants.length, needed })}
        </p>
      )}
      {!touch && <p className="hint vote-keys">{t('vote.keys')}</p>}
      <UnsentCards board={board} />
      {/* VO-12: what is left stays in sight below the header, a band across the board; UI-50: "I'm done voting" beside
          it, in sight and a few Shift+Tabs from any column's first votes (it scrolled away above the columns) */}
      <StickyBand className="vote-band">
        <VotesLeft />
        <DoneToggle board={board} />
      </StickyBand>
      <RevealedColumns board={board} renderItemExtras={votesFor} />
    </>
  );
}
