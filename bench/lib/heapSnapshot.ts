import fs from 'node:fs';

/** A V8 heap snapshot read into typed arrays, its dominator tree and names for its subtrees (bench/heap-summary.ts, bench/heap-drill.ts). */
interface Snapshot {
  snapshot: { meta: { node_fields: string[]; edge_fields: string[]; node_types: [string[]]; edge_types: [string[]] } };
  nodes: number[];
  edges: number[];
  strings: string[];
}

export interface Heap {
  count: number;
  type: Uint8Array;
  name: Uint32Array;
  size: Float64Array;
  firstEdge: Uint32Array;
  edgeType: Uint8Array;
  edgeName: Uint32Array;
  edgeTo: Uint32Array;
  strings: string[];
  nodeTypes: string[];
  edgeTypes: string[];
}

export function load(file: string): Heap {
  const s = JSON.parse(fs.readFileSync(file, 'utf8')) as Snapshot;
  const { node_fields: nf, edge_fields: ef, node_types, edge_types } = s.snapshot.meta;
  const count = s.nodes.length / nf.length;
  const at = (fields: string[], f: string) => fields.indexOf(f);
  const [nType, nName, nSize, nEdges] = ['type', 'name', 'self_size', 'edge_count'].map((f) => at(nf, f)) as [number, number, number, number];
  const [eType, eName, eTo] = ['type', 'name_or_index', 'to_node'].map((f) => at(ef, f)) as [number, number, number];
  const heap: Heap = {
    count,
    type: new Uint8Array(count),
    name: new Uint32Array(count),
    size: new Float64Array(count),
    firstEdge: new Uint32Array(count + 1),
    edgeType: new Uint8Array(s.edges.length / ef.length),
    edgeName: new Uint32Array(s.edges.length / ef.length),
    edgeTo: new Uint32Array(s.edges.length / ef.length),
    strings: s.strings,
    nodeTypes: node_types[0],
    edgeTypes: edge_types[0],
  };
  let edge = 0;
  for (let i = 0; i < count; i++) {
    const o = i * nf.length;
    heap.type[i] = s.nodes[o + nType]!;
    heap.name[i] = s.nodes[o + nName]!;
    heap.size[i] = s.nodes[o + nSize]!;
    heap.firstEdge[i] = edge;
    edge += s.nodes[o + nEdges]!;
  }
  heap.firstEdge[count] = edge;
  for (let j = 0; j < heap.edgeTo.length; j++) {
    const o = j * ef.length;
    heap.edgeType[j] = s.edges[o + eType]!;
    heap.edgeName[j] = s.edges[o + eName]!;
    heap.edgeTo[j] = s.edges[o + eTo]! / nf.length;
  }
  return heap;
}

export function edgeLabel(h: Heap, j: number): string {
  const t = h.edgeTypes[h.edgeType[j]!];
  return t === 'element' || t === 'hidden' ? `[${h.edgeName[j]}]` : h.strings[h.edgeName[j]!]!;
}

/** Immediate dominators (Cooper, Harvey and Kennedy's iterative algorithm) and retained sizes; weak edges do not hold. */
export function dominators(h: Heap): { dom: Int32Array; retained: Float64Array } {
  const weak = h.edgeTypes.indexOf('weak');
  const post = new Int32Array(h.count).fill(-1);
  const order: number[] = [];
  const stack = [0];
  const next = [h.firstEdge[0]!];
  post[0] = -2;
  while (stack.length) {
    const v = stack[stack.length - 1]!;
    const j = next[next.length - 1]!;
    if (j < h.firstEdge[v + 1]!) {
      next[next.length - 1] = j + 1;
      const w = h.edgeTo[j]!;
      if (h.edgeType[j] !== weak && post[w] === -1) {
        post[w] = -2;
        stack.push(w);
        next.push(h.firstEdge[w]!);
      }
    } else {
      post[v] = order.length;
      order.push(v);
      stack.pop();
      next.pop();
    }
  }
  const preds: number[][] = Array.from({ length: h.count }, () => []);
  for (const v of order) for (let j = h.firstEdge[v]!; j < h.firstEdge[v + 1]!; j++) if (h.edgeType[j] !== weak) preds[h.edgeTo[j]!]!.push(v);
  const idom = new Int32Array(order.length).fill(-1);
  idom[order.length - 1] = order.length - 1;
  for (let changed = true; changed; ) {
    changed = false;
    for (let k = order.length - 2; k >= 0; k--) {
      let found = -1;
      for (const p of preds[order[k]!]!) {
        let a = post[p]!;
        if (idom[a] === -1) continue;
        let b = found;
        if (b === -1) {
          found = a;
          continue;
        }
        while (a !== b) {
          while (a < b) a = idom[a]!;
          while (b < a) b = idom[b]!;
        }
        found = a;
      }
      if (found !== -1 && idom[k] !== found) {
        idom[k] = found;
        changed = true;
      }
    }
  }
  const dom = new Int32Array(h.count).fill(-1);
  const retained = new Float64Array(h.count);
  for (let k = 0; k < order.length; k++) {
    dom[order[k]!] = order[idom[k]!]!;
    retained[order[k]!] = h.size[order[k]!]!;
  }
  for (let k = 0; k < order.length - 1; k++) retained[dom[order[k]!]!]! += retained[order[k]!]!;
  return { dom, retained };
}

export function subtreeName(h: Heap, v: number, dom: Int32Array, retained: Float64Array): string {
  const type = h.nodeTypes[h.type[v]!];
  if (type === 'closure') return '(closure)';
  if (type !== 'object' && type !== 'native') return `(${type})`;
  const name = h.strings[h.name[v]!]!;
  const props = new Set<string>();
  for (let j = h.firstEdge[v]!; j < h.firstEdge[v + 1]!; j++) props.add(edgeLabel(h, j));
  if (name === 'Socket') return props.has('nsp') ? 'Socket (socket.io)' : props.has('transport') ? 'Socket (engine.io)' : 'Socket (net)';
  if (name === 'WebSocket') return props.has('_receiver') ? 'WebSocket (ws)' : 'WebSocket (engine.io transport)';
  if (name !== 'Object') return name;
  let best = '';
  let most = -1;
  for (let j = h.firstEdge[v]!; j < h.firstEdge[v + 1]!; j++) {
    const c = h.edgeTo[j]!;
    if (dom[c] === v && retained[c]! > most) [most, best] = [retained[c]!, edgeLabel(h, j)];
  }
  return `Object{${best}}`;
}

