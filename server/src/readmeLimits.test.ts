import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, LIMITS } from '@candor/shared';
import { ABUSE_LIMITS } from './abuseLimits.js';
import { NOTES_BOUNDS } from './rooms/notesBounds.js';
import { COMPACTION_MAX_WAIT_MS, COMPACTION_QUIET_MS, DOC_UPDATES_BEFORE_COMPACTION } from './rooms/RoomDocuments.js';
import { CARD_ENTRIES_KEPT_FROM, REVEAL_READY_AFTER_QUIET_MS } from './rooms/RoomFanout.js';
import { NOTES_WORK_BURST, NOTES_WORK_PER_SEC } from './transport/notesAllowance.js';
import { SOCKET_MESSAGE_MAX_BYTES } from './transport/socketio.js';
import { DOC_MESSAGE_MAX_BYTES, MESSAGES_PER_SEC, MESSAGE_BURST, NOTES_BYTES_BURST, NOTES_BYTES_PER_SEC } from './transport/yjs.js';

/**
 * CG-4: the tests of each limit read its constant, so a changed constant passes them all and leaves the
 * README's number wrong. Here every number the README states for a limit is the constant Candor uses, phrase
 * by phrase: change either and this fails.
 */
const readme = fs.readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8').replace(/\s+/g, ' ');
const n = (value: number) => value.toLocaleString('en-US');

describe('CG-4 the limits the README states', () => {
  it.each([
    ['card text', `card ≤ ${n(LIMITS.cardText)} characters`],
    ['a reveal made ready', `on a board of ${CARD_ENTRIES_KEPT_FROM} cards or more that has been quiet for ${REVEAL_READY_AFTER_QUIET_MS} ms in Write`],
    ['display name', `name ≤ ${LIMITS.displayName}`],
    ['cards per person', `${LIMITS.cardsPerPerson} cards per person per board`],
    ['board.doc size', `a sync step 1 of at most ${LIMITS.boardDocMessageBytes / 1024} KiB`],
    ['malformed document messages', `closed after ${LIMITS.malformedDocMessages} malformed messages`],
    ['connections per person to a document', `at most ${LIMITS.docConnectionsPerPerson} connections per person to one document`],
    ['people shown', `the people list shows ${LIMITS.peopleShown} and then "+N more"`],
    ['writers before the card count shows', `once at least ${LIMITS.minWritersToCount} people have written, a lower bound`],
    ['card count step', `rounded down to a multiple of ${LIMITS.cardCountStep}`],
    ['answers before a distribution', `at least ${LIMITS.minOthersToShow + 1} answers`],
    ['voters before tallies', `only if at least ${LIMITS.minOthersToShow + 1} people voted`],
    ['vote defaults', `default ${DEFAULT_SETTINGS.voteBudget} votes, at most ${DEFAULT_SETTINGS.perItemCap} on one item`],
    ['people a board counts', `A board counts at most ${n(LIMITS.participantsPerBoard)} people`],
    ['people the door knows', `alike whatever anyone did unseen, at most ${n(LIMITS.membersPerBoard)} people per board`],
    ['forgotten joiners', `forgotten after ${ABUSE_LIMITS.idleJoinerExpiryMs / 60_000} minutes`],
    ['joins per address', `new participants: ${ABUSE_LIMITS.joinBurstPerAddress} at once, then one a second`],
    ['refused upgrades', `${ABUSE_LIMITS.refusedUpgradeBurstPerAddress} refusals (404 or 429) at once, then ${ABUSE_LIMITS.refusedUpgradesPerSecondPerAddress} a second`],
    ['handshake time', `finish its handshake within ${ABUSE_LIMITS.handshakeTimeoutMs / 1000} s`],
    ['notes work per address', `${n(ABUSE_LIMITS.notesWorkBurstPerAddress)} Yjs items at once, then ${n(ABUSE_LIMITS.notesWorkPerSecondPerAddress)} a second`],
    ['notes work per connection', `${n(NOTES_WORK_BURST)} items of such work at once, then ${n(NOTES_WORK_PER_SEC)} a second`],
    ['notes update bounds', `per update at most ${n(NOTES_BOUNDS.updateItems)} items, ${NOTES_BOUNDS.updateClients} Yjs clients and ${n(NOTES_BOUNDS.updateDeletions)} deletion ranges`],
    ['notes walk and size', `at most ${n(NOTES_BOUNDS.updateWalk)} items walked to place it; a notes document of at most ${n(NOTES_BOUNDS.documentItems)} items`],
    ['board reads per address', `${n(ABUSE_LIMITS.readWorkBurstPerAddress)} at once, then ${n(ABUSE_LIMITS.readWorkPerSecondPerAddress)} a second (AB-13`],
    ['board reads waiting', `${ABUSE_LIMITS.readsWaitingPerAddress} at most waiting`],
    ['socket.io read pace', `${ABUSE_LIMITS.readBytesBurstPerConnection / 1024} KiB at once (a document connection ${ABUSE_LIMITS.readBytesBurstPerDocument / 1048576} MiB), then ${ABUSE_LIMITS.readBytesPerSecondPerConnection / 1024} KiB a second per connection, ${(ABUSE_LIMITS.readBytesBurstSeconds * ABUSE_LIMITS.readBytesPerSecondPerAddress) / 1048576} MiB at once, then ${ABUSE_LIMITS.readBytesPerSecondPerAddress / 1048576} MiB a second per client address`],
    ['socket.io read minimum', `each message counted at least ${ABUSE_LIMITS.readPacketMinBytes} bytes`],
    ['commands per address', `${ABUSE_LIMITS.commandsPerSecondPerAddress * ABUSE_LIMITS.commandBurstSeconds} at once, then ${ABUSE_LIMITS.commandsPerSecondPerAddress} a second (\`MAX_COMMANDS_PER_ADDRESS\`, AB-14`],
    ['requests per address', `${n(ABUSE_LIMITS.requestsPerSecondPerAddress * ABUSE_LIMITS.requestBurstSeconds)} at once, then ${ABUSE_LIMITS.requestsPerSecondPerAddress} a second (\`MAX_REQUESTS_PER_ADDRESS\`, AB-15`],
    ['sampled warnings', `written at most ${ABUSE_LIMITS.warningsPerInterval} times a minute per kind`],
    ['commands per connection', `${ABUSE_LIMITS.commandBurstPerConnection}-command burst then ${ABUSE_LIMITS.commandsPerSecondPerConnection} commands per second per connection`],
    ['commands per connection (AB-14)', `each connection's own ${ABUSE_LIMITS.commandBurstPerConnection} then ${ABUSE_LIMITS.commandsPerSecondPerConnection} a second still holds`],
    ['message sizes', `Socket.io messages ≤ ${SOCKET_MESSAGE_MAX_BYTES / 1024} KB, WebSocket messages ≤ ${DOC_MESSAGE_MAX_BYTES / 1048576} MiB`],
    ['document messages and notes bytes', `${MESSAGE_BURST} messages at once then ${MESSAGES_PER_SEC} a second, notes edits ${NOTES_BYTES_BURST / 1024} KiB at once then ${NOTES_BYTES_PER_SEC / 1024} KiB a second`],
    ['unsent per connection', `${LIMITS.sendBufferBytes / 1048576} MiB held unsent per connection`],
    ['document tickets', `(valid ${LIMITS.docTicketTtlMs / 1000} s, for one document)`],
    ['boards and teams created', `a burst of ${ABUSE_LIMITS.createBurstPerAddress}, then one every ${1 / ABUSE_LIMITS.createsPerSecondPerAddress} s, with a global ceiling of ${ABUSE_LIMITS.createBurstGlobal} then ${ABUSE_LIMITS.createsPerSecondGlobal} a second`],
    ['notes folded while people type (PE-9)', `once more than ${DOC_UPDATES_BEFORE_COMPACTION} updates are stored: at the first ${COMPACTION_QUIET_MS / 1000}-second pause, or ${COMPACTION_MAX_WAIT_MS / 1000} seconds later without one`],
    ['the creators\' reserve', `up to ${ABUSE_LIMITS.createGlobalReserve} — so addresses at their limit cannot lock newcomers out`],
  ])('CG-4 %s: the README says "%s"', (_what, phrase) => {
    expect(readme).toContain(phrase);
  });

  it('CG-4 the warnings are counted per minute, as the README says', () => {
    expect(ABUSE_LIMITS.warningIntervalMs).toBe(60_000);
  });
});
