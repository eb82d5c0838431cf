import { useWords } from '../i18n/useWords.js';
import { useEffect, useRef, useState } from 'react';
import type { PublicBoardView } from '@candor/shared';
import { lookupBoard, type BoardLookup } from '../sync/api.js';
import {
  createIdentity,
  forgetFacilitatorKey,
  forgetIdentity,
  loadFacilitatorKey,
  loadIdentity,
  takeFacilitatorKeyFromHash,
  type Identity,
} from '../sync/identity.js';
import { NotFound } from '../layout/NotFound.js';
import { preloadLazyParts } from '../i18n/lazyWithWords.js';
import { SessionProvider } from './SessionContext.js';
import { JoinForm } from './JoinForm.js';
import { BoardScreen } from './BoardScreen.js';

export function BoardPage({ boardId }: { boardId: string }) {
  const [facilitatorKey, setFacilitatorKey] = useState<string | null>(() => {
    const fromHash = takeFacilitatorKeyFromHash(boardId, location.hash);
    // The key is remembered now; taking it out of the address bar keeps it out of screen shares.
    if (location.hash) history.replaceState(null, '', location.pathname + location.search);
    return fromHash ?? loadFacilitatorKey(boardId);
  });
  const [identity, setIdentity] = useState<Identity | null>(() => loadIdentity(boardId));
  // PL-1: kept as how to say it, so a language switch at the join form says it anew
  const [rejection, setRejection] = useState<(() => string) | null>(null);
  // RW-1: the name the refused join carried, back in the join form to be changed, not typed again
  const [triedName, setTriedName] = useState<string | null>(null);
  const [facilitatorWarning, setFacilitatorWarning] = useState<(() => string) | null>(null);
  const [lookup, setLookup] = useState<BoardLookup | null>(null);
  const freshIdentity = useRef(false);
  const [joinedFromForm, setJoinedFromForm] = useState(false);
  const { t } = useWords();

  useEffect(() => {
    let cancelled = false;
    void lookupBoard(boardId).then((result) => {
      if (!cancelled) setLookup(result);
    });
    return () => {
      cancelled = true;
    };
  }, [boardId]);

  // UI-40: while a person types their name, the board's on-demand parts are fetched ahead (as BoardScreen does once
  // the board is up): a part fetched only when the board first drew it (the trust pulse, above the card boxes in
  // Write) came a moment later and pushed the boxes some 400 px down on a phone, under a tap aimed at them.
  const atJoinForm = !identity && lookup?.status === 'found';
  useEffect(() => {
    if (atJoinForm) void preloadLazyParts();
  }, [atJoinForm]);

  if (lookup?.status === 'not-found') {
    return <NotFound title={t('board.notFoundTitle')} body={t('board.notFoundBody')} />;
  }

  const initialBoard: PublicBoardView | null = lookup?.status === 'found' ? lookup.board : null;

  if (!identity) {
    return (
      <JoinForm
        boardName={lookup?.status === 'found' ? lookup.door.name : null}
        facilitator={Boolean(facilitatorKey)}
        facilitatorName={lookup?.status === 'found' ? lookup.door.facilitator : null}
        message={rejection?.() ?? null}
        triedName={triedName}
        onJoin={(name) => {
          freshIdentity.current = true;
          setJoinedFromForm(true);
          setRejection(null);
          setIdentity(createIdentity(boardId, name));
        }}
      />
    );
  }

  return (
    <SessionProvider boardId={boardId} identity={identity} facilitatorKey={facilitatorKey}>
      {facilitatorWarning && (
        <p className="banner" role="alert">
          {t('board.asParticipant', { message: facilitatorWarning() })}
        </p>
      )}
      <BoardScreen
        initialBoard={initialBoard}
        joinedFromForm={joinedFromForm}
        door={lookup?.status === 'found' ? lookup.door : null}
        onFacilitatorRefused={(message) => {
          forgetFacilitatorKey(boardId);
          setFacilitatorKey(null);
          setFacilitatorWarning(() => message);
        }}
        onRejected={(message) => {
          // A brand-new identity refused while carrying a facilitator key means the key is the problem.
          if (freshIdentity.current && facilitatorKey) {
            forgetFacilitatorKey(boardId);
            setFacilitatorKey(null);
          }
          forgetIdentity(boardId);
          freshIdentity.current = false;
          setRejection(() => message);
          setTriedName(identity.name);
          setIdentity(null);
        }}
      />
    </SessionProvider>
  );
}
