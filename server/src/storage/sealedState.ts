import { createHmac } from 'node:crypto';
import { brotliCompressSync, brotliDecompressSync, constants as zlibConstants } from 'node:zlib';
import { SEALED_OVERHEAD, open, seal } from '../aesGcm.js';
import type { AnonymousPart } from './BoardStore.js';

/**
 * AR-12: the anonymous state as PostgreSQL keeps it. PostgreSQL never overwrites a row in place: every rewrite of
 * a part leaves the version before it in the table file until VACUUM, and in the WAL until its segment is
 * recycled (and in WAL archives and replicas), so a copy of the data directory holds a timeline of the state. So
 * each part goes in sealed: compressed, padded to a coarse size, and encrypted (AES-256-GCM, a fresh IV each
 * write, bound to its board and part) under a key derived from the server key, which lives outside the database
 * (AR-7). Without the key file, no version of any part, current or old, says a card's text, a vote or an answer,
 * and the sizes move only in steps of at least 4 KiB or 1/16 of the size. With the key file, every version still
 * in the files can be opened (docs: "Running on PostgreSQL").
 *
 * SQLite needs none of this: it rewrites its pages in place with `secure_delete` and keeps no anonymous history in
 * its WAL (AR-6).
 */
const FORMAT = 1;
/** the padded plaintext's header: how the part is held (`BROTLI`, the only way so far), then its length */
const HEADER_BYTES = 5;
const BROTLI = 2;
/**
 * Brotli at its fastest quality: a 1,500-card cards part (245 KB of JSON) in about 0.65 ms to 30% of its size, where
 * quality 1 took 1.1 ms (to 25%), zlib's fastest level 1.35 ms (to 26%), and lz4, which PostgreSQL used before the
 * state was sealed, is not in Node. Every commit that changes a part rewrites it whole, under the board's lock when
 * several processes share it, so this is paid per commit of a big board; storing it uncompressed instead cost
 * PostgreSQL 2.5 times the pages.
 */
const COMPRESSION = { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 0 } };

/** the smallest sealed size: the plaintext of a small board's part is padded to this */
const MIN_PADDED = 4096;

/** the key that seals the anonymous state, from the server key (its own purpose, so it is no other derived key) */
export function anonymousStateKey(serverKey: Buffer): Buffer {
  return createHmac('sha256', serverKey).update('anonymous-state-at-rest').digest();
}

/** the size `bytes` of plaintext is padded to: at least 4 KiB, else a multiple of 1/16 of the next power of two */
export function paddedSize(bytes: number): number {
  if (bytes <= MIN_PADDED) return MIN_PADDED;
  const step = 2 ** (Math.ceil(Math.log2(bytes)) - 4);
  return Math.ceil(bytes / step) * step;
}

const associated = (boardId: string, part: AnonymousPart) => Buffer.from(`candor-anonymous-state\u0000${FORMAT}\u0000${boardId}\u0000${part}`, 'utf8');

/** a part's JSON bytes, sealed for the board and part it belongs to */
export function sealState(key: Buffer, boardId: string, part: AnonymousPart, plain: Uint8Array): Buffer {
  const body = brotliCompressSync(plain, { ...COMPRESSION, params: { ...COMPRESSION.params, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: plain.byteLength } });
  const padded = Buffer.alloc(paddedSize(HEADER_BYTES + body.byteLength));
  padded.writeUInt8(BROTLI, 0);
  padded.writeUInt32BE(body.byteLength, 1);
  padded.set(body, HEADER_BYTES);
  return Buffer.concat([Buffer.of(FORMAT), seal(key, padded, associated(boardId, part))]);
}

/** Opens a sealed part; throws when the key, the board or the part is not the one it was sealed for. */
export function openState(key: Buffer, boardId: string, part: AnonymousPart, sealed: Uint8Array): Buffer {
  const bytes = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  if (bytes[0] !== FORMAT || bytes.length < 1 + SEALED_OVERHEAD + HEADER_BYTES) throw new Error(`not a sealed anonymous state (board ${boardId}, part ${part})`);
  const padded = open(key, bytes.subarray(1), associated(boardId, part));
  const body = padded.subarray(HEADER_BYTES, HEADER_BYTES + padded.readUInt32BE(1));
  if (padded[0] !== BROTLI) throw new Error(`not a sealed anonymous state (board ${boardId}, part ${part})`);
  return brotliDecompressSync(body);
}
