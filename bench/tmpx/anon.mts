import fs from 'node:fs'; import os from 'node:os'; import path from 'node:path';
import { performance } from 'node:perf_hooks';
const which = process.argv[2]!;
const blobSize = Number(process.argv[3] ?? 8000);
const { openSqliteStore } = await import(which === 'main' ? '../../server/src/storage/zzMainSqlite.ts' : '../../server/src/storage/sqlite.ts');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anon-'));
const file = path.join(dir, 'c.sqlite');
const store = openSqliteStore(file);
await store.createBoard({ id: 'b', facilitatorHash: 'h', createdAt: 1 }, { type: 'board.created', name: 'B', templateId: 't', columns: [], settings: { voteBudget: 3, perItemCap: 2 } } as any);
const t: number[] = [];
for (let i = 0; i < 300; i++) {
  const s = performance.now();
  await store.commitBatch('b', { participants: [], commands: [{ commandKey: `k${i}`.padEnd(43, 'x'), sealed: new Uint8Array(100) }], events: [], anonymousState: Buffer.alloc(blobSize + i, 97 + (i % 20)) });
  t.push(performance.now() - s);
}
const sorted = [...t].sort((a, b) => a - b);
const p = (q: number) => sorted[Math.ceil(q * sorted.length) - 1]!.toFixed(3);
console.log(which, blobSize, 'p50', p(0.5), 'p90', p(0.9), 'p99', p(0.99), 'mean', (t.reduce((a, b) => a + b) / t.length).toFixed(3));
await store.close();
