import { describe, expect, it } from 'vitest';
import type { Participant } from '@candor/shared';
import { Admission, joinBuckets } from './admission.js';

const CAP = 3;

function admission(): Admission {
  return new Admission({ joins: joinBuckets(), cap: CAP, expiryMs: 60_000, expire: () => {} });
}

function board(people: { id: string; online: boolean }[]): Map<string, Participant> {
  return new Map(people.map((p) => [p.id, { id: p.id, name: p.id, handle: `h-${p.id}`, isFacilitator: false, online: p.online, offlineSince: null }]));
}

describe('AB-5 the cap counts only who is connected or has done something', () => {
  it('refuses a newcomer once as many as the cap count, and only then', () => {
    const a = admission();
    expect(a.refuseNewcomer(board([{ id: 'p1', online: true }, { id: 'p2', online: true }]), '10.0.0.1', { paced: true })).toBeNull();
    expect(a.refuseNewcomer(board([{ id: 'p1', online: true }, { id: 'p2', online: true }, { id: 'p3', online: true }]), '10.0.0.2', { paced: true })).toMatchObject({ ok: false, code: 'BOARD_FULL' });
  });

  it('at the cap in number, admits while some of them do not count, and counts who acted though gone', () => {
    const a = admission();
    const people = board([{ id: 'p1', online: true }, { id: 'p2', online: true }, { id: 'gone', online: false }]);
    expect(a.refuseNewcomer(people, '10.0.0.3', { paced: true })).toBeNull();
    a.markActive('gone');
    expect(a.refuseNewcomer(people, '10.0.0.4', { paced: true })).toMatchObject({ ok: false, code: 'BOARD_FULL' });
  });
});
