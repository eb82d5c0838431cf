import { deflateRawSync } from 'node:zlib';
import { YJS_COMPRESS_MIN_BYTES, encodeCompressed, encodeSyncStep2, encodeUpdate } from '@candor/shared';

/**
 * Each update (and each whole-document answer) is framed, and compressed for clients that asked, once: the
 * room hands every peer the same bytes, so the encodings are remembered by those bytes.
 */
export class SharedEncodings {
  private readonly updates = new WeakMap<Uint8Array, Framed>();
  private readonly answers = new WeakMap<Uint8Array, Framed>();

  update(update: Uint8Array, compress: boolean): Uint8Array {
    return this.framed(this.updates, update, encodeUpdate, compress);
  }

  answer(update: Uint8Array, compress: boolean): Uint8Array {
    return this.framed(this.answers, update, encodeSyncStep2, compress);
  }

  private framed(cache: WeakMap<Uint8Array, Framed>, update: Uint8Array, frame: (u: Uint8Array) => Uint8Array, compress: boolean): Uint8Array {
    let entry = cache.get(update);
    if (!entry) {
      entry = { plain: frame(update) };
      cache.set(update, entry);
    }
    if (!compress || entry.plain.length < YJS_COMPRESS_MIN_BYTES) return entry.plain;
    entry.compressed ??= encodeCompressed(deflateRawSync(entry.plain, { level: 1 }));
    return entry.compressed;
  }
}

interface Framed {
  plain: Uint8Array;
  compressed?: Uint8Array;
}
