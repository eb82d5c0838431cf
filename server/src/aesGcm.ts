import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * How the server seals what it hands to others to keep (document tickets CL-12, change announcements CL-29, the
 * anonymous state in PostgreSQL AR-12): AES-256-GCM with a fresh 12-byte IV each time, bound to `bound` (the
 * associated data: what the bytes belong to), laid out as IV ‖ ciphertext ‖ 16-byte tag.
 */
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** what sealing adds to the plaintext */
export const SEALED_OVERHEAD = IV_BYTES + TAG_BYTES;

export function seal(key: Buffer, plain: Uint8Array | string, bound?: Uint8Array): Buffer {
  const iv = randomBytes(IV_BYTES);
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
