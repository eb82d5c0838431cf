import { type Hmac, type KeyObject, createCipheriv, createHmac, createSecretKey, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Keyed hashes of a participant's secret, each with its own purpose, so none can be turned into another:
 * - the person's values (`Keyring.person`), held in memory only while they are connected, and their auth hash:
 *   - auth: proves "I am participant P" (the one value stored, beside P's name: AR-2);
 *   - author: stands for the author on cards (the stored per-card tags are derived from it, AR-2);
 *   - voter: stands for the voter on votes (a different tag, so votes cannot be joined to cards);
 *   - pulse / consensus: stand for the person on their anonymous answers (again each its own tag);
 *   - reaction: stands for the person on their reactions to discussed items (RX-2);
 *   - trust: stands for the person on their trust-lens taps (TL-2);
 *   - command: makes a resent command recognisable without saying whose it is.
 * The database holds only the auth hash and values derived from these; without the secrets (which only
 * browsers hold) nothing links them.
 */
/** The tags that stand for one person on their anonymous facts, one per purpose (never stored as they are: AR-2). */
export interface Tags {
  authorTag: string;
  voterTag: string;
  pulseTag: string;
  consensusTag: string;
  trustTag: string;
  reactionTag: string;
}

/** what a person's secret derives on one board */
export interface PersonValues {
  tags: Tags;
  /** makes this person's command keys (CM-3) */
  commandKeyBase: string;
  /** JN-6: stored with the participant's row; a join whose secret derives another is refused */
  authHash: string;
}

/** AN-10: the keys of the stored card writers (`Keyring.cardWritersKeys`) */
export interface CardWritersKeys {
  /** which server key sealed a number (4 bytes, the same for every board): another key's cannot be opened (AR-7) */
  id: Buffer;
  /** AES-256-GCM */
  seal: Buffer;
  /** HMAC-SHA256, for the synthetic IV (`sealSynthetic`) */
  iv: KeyObject;
}

/**
 * `Keyring.person` expands 8 values (six tags, the command-key base and the auth hash) of 32 bytes, two AES
 * blocks each: a returning person's join is one HMAC and one AES call, the auth hash included (AR-2)
 */
const PERSON_VALUES = 8;
/** block i holds i, big-endian, in its first four bytes */
const PERSON_PLAINTEXT = Buffer.alloc(32 * PERSON_VALUES);
for (let i = 0; i < 2 * PERSON_VALUES; i++) PERSON_PLAINTEXT.writeUInt32BE(i, i * 16);

/** value `i` of `Keyring.person`'s output: its two blocks in base64url */
const valueAt = (out: Buffer, i: number) => out.toString('base64url', i * 32, i * 32 + 32);

export class Keyring {
  /**
   * the server key as a key object, made once: a Buffer key is checked and copied into a new one by every
   * `createHmac` (two a join: the auth hash and the person's values)
   */
  private readonly serverKey: KeyObject;
  /** `cardWritersKeys`, once derived */
  private writersKeys: CardWritersKeys | undefined;

  constructor(serverKey: Buffer) {
    this.serverKey = createSecretKey(serverKey);
  }

  private mac(purpose: string, ...parts: string[]): string {
    return this.macHash(purpose, parts).digest('base64url');
  }

  /** HMAC over purpose ‖ 0 ‖ part ‖ 0 ‖ part …, given to it in one piece (one call into the native hash, not one a part) */
  private macHash(purpose: string, parts: readonly string[]): Hmac {
    let message = purpose;
    for (let i = 0; i < parts.length; i++) message += '\u0000' + parts[i];
    return createHmac('sha256', this.serverKey).update(message);
  }

  /**
   * A person's tags, command-key base and auth hash on one board, all at once: one keyed hash of the secret (its
   * own purpose) and one AES-256 call under it over distinct blocks, rather than one HMAC per value. Each value is
   * two blocks of a pseudorandom permutation keyed by a secret the server never keeps, so none says anything of
   * another, as with separate HMACs (the stored auth hash tells nothing of the tags); a join after a restart
   * derives them, and checks the auth hash with them, for everyone who comes back.
   */
  person(boardId: string, secret: string): PersonValues {
    // (the key as the digest's bytes: the same key as decoding the base64url `mac`, without the round trip)
    const key = this.macHash('person', [boardId, secret]).digest();
    const out = createCipheriv('aes-256-ecb', key, null).setAutoPadding(false).update(PERSON_PLAINTEXT);
    return {
      tags: { authorTag: valueAt(out, 0), voterTag: valueAt(out, 1), pulseTag: valueAt(out, 2), consensusTag: valueAt(out, 3), trustTag: valueAt(out, 4), reactionTag: valueAt(out, 5) },
      commandKeyBase: valueAt(out, 6),
      authHash: valueAt(out, 7),
    };
  }

  commandKey(base: string, commandId: string): string {
    return this.mac('command-id', base, commandId);
  }

  /** the AES key that seals a command's stored result (AR-5): derivable only while its sender is connected */
  commandSealKey(base: string, commandId: string): Buffer {
    return Buffer.from(this.mac('command-seal', base, commandId), 'base64url');
  }

  facilitatorHash(boardId: string, facilitatorKey: string): string {
    return this.mac('facilitator', boardId, facilitatorKey);
  }

  /**
   * RV-3: the seed a board's cards are revealed in order of, the same in every process and after every restart
   * (its rooms keep their cards' reveal-order keys under it as the cards are written, RV-10). Stored with the
   * first reveal and sent to nobody; it says nothing of any card or person, and nothing of the key.
   */
  revealSeed(boardId: string): string {
    return this.macHash('reveal-seed', [boardId]).digest().subarray(0, 16).toString('base64url');
  }

  /**
   * AN-10, AR-8: the keys that seal the number of people with unrevealed cards stored with a board's cards
   * (`storage/sealedWriters.ts`): one to encrypt it, one to derive its IV, and the key's id; each its own purpose,
   * so none is any other derived key. Made once.
   */
  cardWritersKeys(): CardWritersKeys {
    this.writersKeys ??= {
      id: this.macHash('card-writers-key-id', []).digest().subarray(0, 4),
      seal: this.macHash('card-writers-seal', []).digest(),
      iv: createSecretKey(this.macHash('card-writers-iv', []).digest()),
    };
    return this.writersKeys;
  }

  /** JN-1: a board password is kept only as this keyed hash (a dump without the server key cannot test guesses). */
  passwordHash(boardId: string, password: string): string {
    return this.mac('board-password', boardId, password);
  }
}

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
