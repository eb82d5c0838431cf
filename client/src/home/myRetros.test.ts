import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { forgetRetro, lastDisplayName, loadMyRetros, rememberCreatedRetro, rememberRetro } from './myRetros.js';
import { createIdentity, loadFacilitatorKey, loadIdentity } from '../sync/identity.js';
import { memoryStorage } from '../sync/memoryStorage.testing.js';
import { readDraft, writeDraft } from '../sync/draftStore.js';

describe('MY-1 my retros', () => {
  beforeEach(() => {
    vi.stubGlobal('localStorage', memoryStorage());
    vi.stubGlobal('sessionStorage', memoryStorage());
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('MY-1 a retro is on my list, with its facilitator link, as soon as it is created, before its board is opened', () => {
    const created = { boardId: 'PaymentsRetro01', facilitatorKey: 'k'.repeat(43), name: 'Payments squad retro #1' };
    rememberCreatedRetro(created);
    expect(loadMyRetros()).toEqual([expect.objectContaining({ boardId: created.boardId, name: created.name, created: true, closed: false })]);
    expect(loadFacilitatorKey(created.boardId)).toBe(created.facilitatorKey);
  });

  it('JN-8 the join form is offered the name this browser last joined with, and not once that retro is forgotten here', () => {
    expect(lastDisplayName()).toBeNull();
    vi.spyOn(Date, 'now').mockReturnValue(1_000);
    createIdentity('MondayRetro0001', 'Ada');
    rememberRetro({ boardId: 'MondayRetro0001', name: 'Monday', created: false, closed: false });
    vi.spyOn(Date, 'now').mockReturnValue(2_000);
    createIdentity('FridayRetro0001', 'Ada L.');
    rememberRetro({ boardId: 'FridayRetro0001', name: 'Friday', created: false, closed: false });
    expect(lastDisplayName()).toBe('Ada L.');
    // a retro created here but not joined yet has no name to offer: the one before it does
    rememberCreatedRetro({ boardId: 'NextRetro000001', facilitatorKey: 'k'.repeat(43), name: 'Next' });
    expect(lastDisplayName()).toBe('Ada L.');
    // MY-2 on a shared computer: removing the retro forgets who this browser was there, and the name with it
    forgetRetro('FridayRetro0001');
    expect(lastDisplayName()).toBe('Ada');
    forgetRetro('MondayRetro0001');
    expect(lastDisplayName()).toBeNull();
  });

  it('MY-2 removing a retro forgets everything this browser keeps on it (who it was, the facilitator link, drafts, the password), and nothing of another', () => {
    rememberCreatedRetro({ boardId: 'FridayRetro0001', facilitatorKey: 'k'.repeat(43), name: 'Friday' });
    createIdentity('FridayRetro0001', 'Ada');
    writeDraft('FridayRetro0001', 'stop', 'Standups run long');
    writeDraft('FridayRetro0001', 'action:item1', 'Pair on the flaky test');
    sessionStorage.setItem('candor.password.FridayRetro0001', 'hunter2');
    createIdentity('MondayRetro0001', 'Ada');
    writeDraft('MondayRetro0001', 'stop', 'Another retro, still open');
    forgetRetro('FridayRetro0001');
    expect(loadFacilitatorKey('FridayRetro0001')).toBeNull();
    expect(loadIdentity('FridayRetro0001')).toBeNull();
    expect(readDraft('FridayRetro0001', 'stop')).toBe('');
    expect(readDraft('FridayRetro0001', 'action:item1')).toBe('');
    expect(sessionStorage.getItem('candor.password.FridayRetro0001')).toBeNull();
    expect(loadIdentity('MondayRetro0001')?.name).toBe('Ada');
    expect(readDraft('MondayRetro0001', 'stop')).toBe('Another retro, still open');
  });

  it('MY-1 a team retro keeps its team name, refreshed when it comes; entries kept before without a team still load', () => {
    localStorage.setItem('candor:my-retros', JSON.stringify([{ boardId: 'OldSprintRetro01', name: 'Sprint 1', created: false, closed: true, lastSeen: 1 }]));
    rememberRetro({ boardId: 'PlatformSprint02', name: 'Sprint 2', created: false, closed: false });
    rememberRetro({ boardId: 'PlatformSprint02', name: 'Sprint 2', team: 'Platform', created: false, closed: false });
    const [platform, old] = loadMyRetros();
    expect(platform).toMatchObject({ boardId: 'PlatformSprint02', name: 'Sprint 2', team: 'Platform' });
    expect(old).toMatchObject({ boardId: 'OldSprintRetro01', name: 'Sprint 1' });
    expect(old?.team).toBeUndefined();
  });
});
