import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * CM-1/CM-3, AR-5: what the store keeps of a command, so a resend is recognised and answered with its first
 * result. The row holds the lookup key (a keyed hash of the sender's secret and the command id) and a sealed
 * box: AES-256-GCM under a key that only exists while the sender is connected (derived from their secret),
 * holding a digest of the canonical command and its result, padded to one size so that rows of different
 * commands cannot be told apart. The digest lets a resent id with another payload be refused (ID_REUSED);
 * it is sealed too, because a digest of `{type:'pulse.answer',value:3}` is trivial to guess.
 */
const PLAINTEXT_BYTES = 240;
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const SEALED_COMMAND_BYTES = IV_BYTES + PLAINTEXT_BYTES + TAG_BYTES;

export interface CommandRecord {
  digest: string;
  result: unknown;
}

/** The command's type and payload, keys sorted, without its id: equal for a resend, different for anything else. */
export function commandDigest(command: { id: string; type: string }): string {
  const { id: _id, ...rest } = command;
  return createHash('sha256').update(canonicalJson(rest)).digest('base64url');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function sealCommand(key: Buffer, record: CommandRecord): Buffer {
  const json = Buffer.from(JSON.stringify([record.digest, record.result ?? {}]), 'utf8');
  if (json.length + 2 > PLAINTEXT_BYTES) throw new Error(`command result too large to seal (${json.length} bytes)`);
  const plain = Buffer.alloc(PLAINTEXT_BYTES);
  plain.writeUInt16BE(json.length, 0);
  json.copy(plain, 2);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]);
}

/** Opens a sealed record; throws if the key is not the one it was sealed with. */
export function openCommand(key: Buffer, sealed: Uint8Array): CommandRecord {
  const bytes = Buffer.from(sealed);
  const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
  decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
  const plain = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)), decipher.final()]);
  const [digest, result] = JSON.parse(plain.subarray(2, 2 + plain.readUInt16BE(0)).toString('utf8')) as [string, unknown];
  return { digest, result };
}
