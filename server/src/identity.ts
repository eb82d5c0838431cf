import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Keyed hashes of a participant's secret, each with its own purpose, so none can be turned into another:
 * - auth: proves "I am participant P" (stored beside P's name);
 * - author: stands for the author on cards (stored on cards, never beside a name);
 * - voter: stands for the voter on votes (a different tag, so votes cannot be joined to cards);
 * - pulse / consensus: stand for the person on their anonymous answers (again each its own tag);
 * - reaction: stands for the person on their reactions to discussed items (RX-2);
 * - command: makes a resent command recognisable without saying whose it is.
 * The database holds only these hashes; without the secrets (which only browsers hold) nothing links them.
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

export class Keyring {
  constructor(private readonly serverKey: Buffer) {}

  private mac(purpose: string, ...parts: string[]): string {
    const h = createHmac('sha256', this.serverKey);
    h.update(purpose);
    for (const part of parts) h.update('\u0000' + part);
    return h.digest('base64url');
  }

  authHash(boardId: string, secret: string): string {
    return this.mac('auth', boardId, secret);
  }

  authorTag(boardId: string, secret: string): string {
    return this.mac('author', boardId, secret);
  }

  voterTag(boardId: string, secret: string): string {
    return this.mac('voter', boardId, secret);
  }

  pulseTag(boardId: string, secret: string): string {
    return this.mac('pulse', boardId, secret);
  }

  consensusTag(boardId: string, secret: string): string {
    return this.mac('consensus', boardId, secret);
  }

  reactionTag(boardId: string, secret: string): string {
    return this.mac('reaction', boardId, secret);
  }

  /** TL-2: stands for the person on their anonymous trust-lens taps */
  trustTag(boardId: string, secret: string): string {
    return this.mac('trust', boardId, secret);
  }

  /** every tag of one person on one board, computed together once per joined connection */
  tags(boardId: string, secret: string): Tags {
    return {
      authorTag: this.authorTag(boardId, secret),
      voterTag: this.voterTag(boardId, secret),
      pulseTag: this.pulseTag(boardId, secret),
      consensusTag: this.consensusTag(boardId, secret),
      trustTag: this.trustTag(boardId, secret),
      reactionTag: this.reactionTag(boardId, secret),
    };
  }

  commandKeyBase(boardId: string, secret: string): string {
    return this.mac('command', boardId, secret);
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
