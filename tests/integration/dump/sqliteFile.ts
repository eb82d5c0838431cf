/**
 * Reads a SQLite file the way an attacker with only the bytes would: page by page, cell by cell, keeping
 * where each row physically sits (page number, cell offset) — the placement SQLite chose when the row was
 * written, which a query never shows. Also splits a WAL file into its frames, in the order they were written.
 * Only what the dump attack needs: b-tree pages, records, overflow chains.
 */
export interface PhysicalRow {
  page: number;
  offset: number;
  values: unknown[];
}

export interface SqliteFile {
  pageSize: number;
  /** every table and index by name, with its rows in key order and their physical placement */
  tables: Map<string, PhysicalRow[]>;
}

function varint(buf: Buffer, at: number): [bigint, number] {
  let value = 0n;
  for (let i = 0; i < 8; i++) {
    const byte = buf[at + i]!;
    value = (value << 7n) | BigInt(byte & 0x7f);
    if ((byte & 0x80) === 0) return [value, i + 1];
  }
  return [(value << 8n) | BigInt(buf[at + 8]!), 9];
}

function decodeRecord(payload: Buffer): unknown[] {
  const [headerSize, n] = varint(payload, 0);
  const types: number[] = [];
  for (let at = n; at < Number(headerSize); ) {
    const [type, len] = varint(payload, at);
    types.push(Number(type));
    at += len;
  }
  const values: unknown[] = [];
  let at = Number(headerSize);
  const intSizes = [0, 1, 2, 3, 4, 6, 8];
  for (const type of types) {
    if (type === 0) values.push(null);
    else if (type >= 1 && type <= 6) {
      const size = intSizes[type]!;
      let v = 0n;
      for (let i = 0; i < size; i++) v = (v << 8n) | BigInt(payload[at + i]!);
      if (size > 0 && payload[at]! & 0x80) v -= 1n << BigInt(size * 8);
      values.push(Number(v));
      at += size;
    } else if (type === 7) {
      values.push(payload.readDoubleBE(at));
      at += 8;
    } else if (type === 8 || type === 9) values.push(type - 8);
    else if (type >= 12) {
      const size = Math.floor((type - (type % 2 === 0 ? 12 : 13)) / 2);
      const bytes = payload.subarray(at, at + size);
      values.push(type % 2 === 0 ? Buffer.from(bytes) : bytes.toString('utf8'));
      at += size;
    }
  }
  return values;
}

export function parseSqlite(file: Buffer): SqliteFile {
  const raw = file.readUInt16BE(16);
  const pageSize = raw === 1 ? 65536 : raw;
  const usable = pageSize - file[20]!;
  const pageAt = (n: number) => file.subarray((n - 1) * pageSize, n * pageSize);

  const payloadOf = (page: Buffer, at: number, size: number, table: boolean): Buffer => {
    const max = table ? usable - 35 : Math.floor(((usable - 12) * 64) / 255) - 23;
    if (size <= max) return page.subarray(at, at + size);
    const min = Math.floor(((usable - 12) * 32) / 255) - 23;
    const k = min + ((size - min) % (usable - 4));
    const local = k <= max ? k : min;
    const parts = [page.subarray(at, at + local)];
    let next = page.readUInt32BE(at + local);
    let left = size - local;
    while (next !== 0 && left > 0) {
      const overflow = pageAt(next);
      const take = Math.min(left, usable - 4);
      parts.push(overflow.subarray(4, 4 + take));
      left -= take;
      next = overflow.readUInt32BE(0);
    }
    return Buffer.concat(parts);
  };

  const walk = (pageNo: number, out: PhysicalRow[]) => {
    const page = pageAt(pageNo);
    const base = pageNo === 1 ? 100 : 0;
    const type = page[base]!;
    const cells = page.readUInt16BE(base + 3);
    const interior = type === 2 || type === 5;
    const header = base + (interior ? 12 : 8);
    for (let i = 0; i < cells; i++) {
      const offset = page.readUInt16BE(header + 2 * i);
      if (type === 13) {
        const [size, a] = varint(page, offset);
        const [rowid, b] = varint(page, offset + a);
        const values = decodeRecord(payloadOf(page, offset + a + b, Number(size), true));
        out.push({ page: pageNo, offset, values: [Number(rowid), ...values] });
      } else if (type === 10 || type === 2) {
        const start = type === 2 ? offset + 4 : offset;
        if (type === 2) walk(page.readUInt32BE(offset), out);
        const [size, a] = varint(page, start);
        out.push({ page: pageNo, offset, values: decodeRecord(payloadOf(page, start + a, Number(size), false)) });
      } else if (type === 5) walk(page.readUInt32BE(offset), out);
    }
    if (interior) walk(page.readUInt32BE(base + 8), out);
  };

  const master: PhysicalRow[] = [];
  walk(1, master);
  const tables = new Map<string, PhysicalRow[]>();
  for (const row of master) {
    // values: rowid, type, name, tbl_name, rootpage, sql
    const [, , name, , rootpage] = row.values as [number, string, string, string, number];
    if (!rootpage) continue;
    const rows: PhysicalRow[] = [];
    try {
      walk(rootpage, rows);
    } catch {
      continue;
    }
    tables.set(name, rows);
  }
  return { pageSize, tables };
}

/** A WAL file's frames in the order they were appended: each is a full page image, tagged with its page number. */
export function walFrames(wal: Buffer): { pageNo: number; commit: boolean; data: Buffer }[] {
  if (wal.length < 32) return [];
  const pageSize = wal.readUInt32BE(8);
  const frames: { pageNo: number; commit: boolean; data: Buffer }[] = [];
  for (let at = 32; at + 24 + pageSize <= wal.length; at += 24 + pageSize) {
    frames.push({ pageNo: wal.readUInt32BE(at), commit: wal.readUInt32BE(at + 4) !== 0, data: wal.subarray(at + 24, at + 24 + pageSize) });
  }
  return frames;
}

/** A WAL file's frames grouped by transaction, oldest first: a commit's last frame carries the database size after it. */
export function walCommits(wal: Buffer): Buffer[][] {
  const commits: Buffer[][] = [];
  let open: Buffer[] = [];
  for (const frame of walFrames(wal)) {
    open.push(frame.data);
    if (frame.commit) {
      commits.push(open);
      open = [];
    }
  }
  // frames after the last commit frame: a transaction that never committed (rolled back, or cut off), still bytes
  if (open.length > 0) commits.push(open);
  return commits;
}
