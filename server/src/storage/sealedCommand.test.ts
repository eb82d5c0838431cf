import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Keyring, randomSecret } from '../identity.js';
import { SEALED_COMMAND_BYTES, commandDigest, openCommand, sealCommand } from './sealedCommand.js';

/**
 * AR-5: a stored command result opens only with a key derived from its sender's secret and the command's own id:
 * not with the server key alone, not with another person's secret, not with another command id, and not after a
 * byte was changed. Every record has one size, whatever the command and its result.
 */
describe('AR-5 sealed command records', () => {
  const keyring = new Keyring(randomBytes(32));
  const board = 'board-0001';
  const [alice, bob] = [randomSecret(), randomSecret()];
  const keyOf = (secret: string, commandId: string) => keyring.commandSealKey(keyring.person(board, secret).commandKeyBase, commandId);

  it('AR-5 only the sender’s secret with the command’s id opens it; every other key and any changed byte fails', () => {
    const command = { id: 'cmd-alice-01', type: 'pulse.answer', value: 3 };
    const sealed = sealCommand(keyOf(alice, command.id), { digest: commandDigest(command), result: { ok: 1 } });
    expect(openCommand(keyOf(alice, command.id), sealed)).toEqual({ digest: commandDigest(command), result: { ok: 1 } });
    const wrongKeys = [keyOf(bob, command.id), keyOf(alice, 'cmd-alice-02'), keyring.commandSealKey(keyring.person('board-0002', alice).commandKeyBase, command.id), randomBytes(32)];
    for (const key of wrongKeys) expect(() => openCommand(key, sealed)).toThrow();
    for (const at of [0, 20, SEALED_COMMAND_BYTES - 1]) {
      const tampered = Buffer.from(sealed);
      tampered[at] ^= 1;
      expect(() => openCommand(keyOf(alice, command.id), tampered)).toThrow();
    }
  });

  it('AR-5 records of different commands and results all have one size, and the same command sealed twice differs', () => {
    const vote = { id: 'a', type: 'vote.cast', itemId: 'x' };
    const card = { id: 'b', type: 'card.add', columnId: 'start', text: 'a much longer text than the other one' };
    const records = [
      sealCommand(keyOf(alice, 'a'), { digest: commandDigest(vote), result: {} }),
      sealCommand(keyOf(bob, 'b'), { digest: commandDigest(card), result: { cardId: 'c'.repeat(21) } }),
    ];
    expect(records.map((r) => r.length)).toEqual([SEALED_COMMAND_BYTES, SEALED_COMMAND_BYTES]);
    const again = sealCommand(keyOf(alice, 'a'), { digest: commandDigest(vote), result: {} });
    expect(again.equals(records[0]!)).toBe(false);
  });
});
