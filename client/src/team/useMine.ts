import { useEffect, useState } from 'react';
import type { MyPromisesResponse } from '@candor/shared';
import { loadIdentity } from '../sync/identity.js';
import { mineIn } from '../sync/markPromise.js';

/**
 * RE-13, TM-16: for the team page, what this browser's people may do in each of `boardIds` (those it was in: the
 * others are not asked), as the server knows them (`mineIn`, by id and secret, not by a name two people may share),
 * so "Mark done" and "Close it now" are offered exactly where the room would take them. Empty until answered; asked
 * again when `asOf` changes (an owner's word changed: who may take it back changed with it), the last answer kept
 * meanwhile so a button does not blink away under the keyboard.
 */
export function useMine(boardIds: readonly string[], asOf = ''): ReadonlyMap<string, MyPromisesResponse> {
  const [mine, setMine] = useState<ReadonlyMap<string, MyPromisesResponse>>(new Map());
  const asked = boardIds.filter((id) => loadIdentity(id) !== null).join(' ');
  useEffect(() => {
    let current = true;
    const ids = asked ? asked.split(' ') : [];
    void Promise.all(ids.map(async (id) => [id, await mineIn(id)] as const)).then((entries) => {
      if (current) setMine(new Map(entries));
    });
    return () => {
      current = false;
    };
  }, [asked, asOf]);
  return mine;
}
