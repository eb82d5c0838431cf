import { type KeyObject, createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * How the server seals what it hands to others to keep (document tickets CL-12, change announcements CL-29, the
 * anonymous state in PostgreSQL AR-12, the card writers AN-10): AES-256-GCM with a fresh 12-byte IV each time,
 * bound to `bound` (the associated data: what the bytes belong to), laid out as IV ‖ ciphertext ‖ 16-byte tag.
 */
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** what sealing adds to the plaintext */
export const SEALED_OVERHEAD = IV_BYTES + TAG_BYTES;

export function seal(key: Buffer, plain: Uint8Array | string, bound?: Uint8Array): Buffer {
  return sealWithIv(key, randomBytes(IV_BYTES), plain, bound);
}

/**
 * `seal`, with the IV a keyed hash (under `ivKey`, a key of its own) of everything the output is made from — `bound`,
 * the plaintext and `context` — instead of random (a synthetic IV, as in SIV): sealing the same thing twice gives the
 * same bytes, so a stored value that is written again unchanged is unchanged, and two different things get two
 * different IVs. `context` is what the sealed bytes are stored with (the rest of a stored part): equal outputs then
 * say no more than that everything around them is equal too. `open` opens it.
 */
export function sealSynthetic(key: Buffer, ivKey: KeyObject | Buffer, plain: Uint8Array, bound: Uint8Array, context: string): Buffer {
  const lengths = Buffer.alloc(8);
  lengths.writeUInt32BE(bound.byteLength, 0);
  lengths.writeUInt32BE(plain.byteLength, 4);
  const iv = createHmac('sha256', ivKey).update(lengths).update(bound).update(plain).update(context, 'utf8').digest().subarray(0, IV_BYTES);
  return sealWithIv(key, iv, plain, bound);
}

function sealWithIv(key: Buffer, iv: Buffer, plain: Uint8Array | string, bound?: Uint8Array): Buffer {
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  if (bound) cipher.setAAD(bound);
  const body = typeof plain === 'string' ? cipher.update(plain, 'utf8') : cipher.update(plain);
  return Buffer.concat([iv, body, cipher.final(), cipher.getAuthTag()]);
}

/** The plaintext; throws when `sealed` was not sealed with this key and `bound`, or was changed since (or is empty). */
export function open(key: Buffer, sealed: Uint8Array, bound?: Uint8Array): Buffer {
  if (sealed.length <= SEALED_OVERHEAD) throw new Error('too short to be sealed');
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES));
  if (bound) decipher.setAAD(bound);
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
}
