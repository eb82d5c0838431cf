import { type Heap, dominators, edgeLabel, load, subtreeName } from './lib/heapSnapshot.js';

/**
 * What one kind of subtree of `bench/heap-summary.ts` is made of: every subtree of that name directly under the
 * roots is walked down its dominator tree, and the bytes are added up by the path of property names that leads
 * to them (array indexes and map entries folded into `[]`), to `depth` steps. Each row is a path's own bytes
 * plus everything it retains deeper than `depth`, per board, with the number of objects per board.
 * With a baseline snapshot, each row is the difference (for subtrees that are there before any board loads:
 * closures' contexts, compiled code).
 *   node --import tsx bench/heap-drill.ts <active.heapsnapshot> <name, e.g. BoardRoom> [boards=100] [depth=4] [top=60] [baseline.heapsnapshot]
 */
const [file, wanted, boardsArg = '100', depthArg = '4', topArg = '60', baselineFile] = process.argv.slice(2);
if (!file || !wanted) throw new Error('usage: heap-drill.ts <active.heapsnapshot> <name> [boards] [depth] [top] [baseline]');
const boards = Number(boardsArg);
const depth = Number(depthArg);

type Rows = Map<string, { bytes: number; count: number }>;

/** bytes and object counts by path, over every subtree named `wanted` directly under the roots */
function drill(snapshotFile: string): { rows: Rows; roots: number } {
const h: Heap = load(snapshotFile);
const { dom, retained } = dominators(h);
const synthetic = h.nodeTypes.indexOf('synthetic');

const children: number[][] = Array.from({ length: h.count }, () => []);
for (let v = 1; v < h.count; v++) if (dom[v]! >= 0 && dom[v] !== v) children[dom[v]!]!.push(v);

/** the name of the edge from `parent` to `child`, folded so that all elements of a collection share one row */
function step(parent: number, child: number): string {
  for (let j = h.firstEdge[parent]!; j < h.firstEdge[parent + 1]!; j++) {
    if (h.edgeTo[j] !== child) continue;
    const t = h.edgeTypes[h.edgeType[j]!];
    if (t === 'element' || t === 'hidden') return '[]';
    const label = edgeLabel(h, j);
    return /^\d+$/.test(label) || label.includes(' -> ') ? '[]' : label;
  }
  return '~';
}

function kind(v: number): string {
  const type = h.nodeTypes[h.type[v]!];
  if (type === 'closure') return `(closure ${h.strings[h.name[v]!] || 'anonymous'})`;
  return type === 'object' || type === 'native' ? h.strings[h.name[v]!]! : `(${type})`;
}

const rows: Rows = new Map();
const add = (path: string, bytes: number) => {
  const row = rows.get(path) ?? { bytes: 0, count: 0 };
  row.bytes += bytes;
  row.count += 1;
  rows.set(path, row);
};
function walk(v: number, path: string, level: number): void {
  if (level === depth) {
    add(path, retained[v]!);
    return;
  }
  add(level === 0 && h.nodeTypes[h.type[v]!] === 'closure' ? `${path} ${kind(v)}` : path, h.size[v]!);
  for (const c of children[v]!) walk(c, `${path}.${step(v, c)}:${kind(c)}`, level + 1);
}

let roots = 0;
for (let v = 1; v < h.count; v++) {
  if (dom[v] === -1 || h.type[v] === synthetic) continue;
  if (dom[v] !== 0 && h.type[dom[v]!] !== synthetic) continue;
  if (subtreeName(h, v, dom, retained) !== wanted) continue;
  roots += 1;
  walk(v, wanted, 0);
}
return { rows, roots };
}

const { rows, roots } = drill(file);
if (baselineFile) {
  for (const [path, r] of drill(baselineFile).rows) {
    const row = rows.get(path) ?? { bytes: 0, count: 0 };
    rows.set(path, { bytes: row.bytes - r.bytes, count: row.count - r.count });
  }
}
const sorted = [...rows].sort((a, b) => b[1].bytes - a[1].bytes);
const total = sorted.reduce((sum, [, r]) => sum + r.bytes, 0);
console.log(`${wanted}: ${roots} subtrees, ${(total / 1024 / boards).toFixed(2)} KB per board (${file}${baselineFile ? ` against ${baselineFile}` : ''})`);
for (const [path, r] of sorted.slice(0, Number(topArg))) {
  console.log(`${(r.bytes / 1024 / boards).toFixed(2).padStart(8)} KB ${(r.count / boards).toFixed(1).padStart(7)}×  ${path}`);
}
