import { dominators, load, subtreeName } from './lib/heapSnapshot.js';

/**
 * Where a board's heap goes: two heap snapshots of the memory scenario (`pnpm bench --only memory
 * --memory-snapshots` writes them under bench/profiles/), compared by retained size. The heap is cut into the
 * subtrees that hang directly under the roots of the dominator tree; each is named by its class (a Socket or
 * WebSocket also by what it belongs to, a plain object by its largest property) and the difference per board
 * is printed, largest first. The rows add up to the whole difference.
 *   node --import tsx bench/heap-summary.ts <baseline.heapsnapshot> <active.heapsnapshot> [boards=100] [top=40]
 */
/** retained bytes by subtree name, over the subtrees directly under the root and the synthetic roots */
function partition(file: string): Map<string, number> {
  const h = load(file);
  const { dom, retained } = dominators(h);
  const synthetic = h.nodeTypes.indexOf('synthetic');
  const parts = new Map<string, number>();
  for (let v = 1; v < h.count; v++) {
    if (dom[v] === -1 || h.type[v] === synthetic) continue;
    if (dom[v] !== 0 && h.type[dom[v]!] !== synthetic) continue;
    const name = subtreeName(h, v, dom, retained);
    parts.set(name, (parts.get(name) ?? 0) + retained[v]!);
  }
  return parts;
}

const [baseline, active, boardsArg = '100', topArg = '40'] = process.argv.slice(2);
if (!baseline || !active) throw new Error('usage: heap-summary.ts <baseline.heapsnapshot> <active.heapsnapshot> [boards] [top]');
const boards = Number(boardsArg);
const before = partition(baseline);
const after = partition(active);
const rows = [...new Set([...before.keys(), ...after.keys()])]
  .map((name) => ({ name, kb: ((after.get(name) ?? 0) - (before.get(name) ?? 0)) / 1024 / boards }))
  .sort((a, b) => b.kb - a.kb);
console.log(`retained per board, ${active} against ${baseline}: ${rows.reduce((sum, r) => sum + r.kb, 0).toFixed(1)} KB in all`);
for (const r of rows.slice(0, Number(topArg))) console.log(`${r.kb.toFixed(2).padStart(8)} KB  ${r.name}`);
