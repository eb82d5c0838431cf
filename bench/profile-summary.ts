import fs from 'node:fs';
import path from 'node:path';

/**
 * Where the Candor server spent its CPU during the reveal: self time by function in a --cpu-prof profile,
 * cut to the reveal window that bench/results.json recorded (serverWindowUs of the profiled run).
 *   node --import tsx bench/profile-summary.ts bench/profiles/<file>.cpuprofile [results.json] [top]
 */
interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

const [file, resultsFile = path.join(path.dirname(new URL(import.meta.url).pathname), 'results.json'), topArg = '30'] = process.argv.slice(2);
if (!file) throw new Error('usage: profile-summary.ts <file.cpuprofile> [results.json] [top]');
const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
let window: [number, number] = [-Infinity, Infinity];
try {
  type Profiled = { file: string; run: { serverWindowUs: [number, number] } };
  const results = JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as { profiled?: Profiled; profiledFloor?: Profiled };
  const run = [results.profiled, results.profiledFloor].find((p) => p && path.basename(p.file) === path.basename(file));
  if (run) window = run.run.serverWindowUs;
} catch {
  /* whole profile */
}

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const self = new Map<string, number>();
const inclusive = new Map<string, number>();
let t = profile.startTime;
let total = 0;
const name = (n: Node) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?/, '').replace(/^file:\/\/.*\/(server|shared)\//, '$1/')}:${n.callFrame.lineNumber + 1}`;
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  t += dt;
  if (t < window[0] || t > window[1]) return;
  const node = byId.get(id)!;
  if (node.callFrame.functionName === '(idle)') return;
  total += dt;
  self.set(name(node), (self.get(name(node)) ?? 0) + dt);
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const k = name(byId.get(cur)!);
    if (seen.has(k)) continue;
    seen.add(k);
    inclusive.set(k, (inclusive.get(k) ?? 0) + dt);
  }
});
const top = Number(topArg);
const show = (title: string, m: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [k, us] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${(us / 1000).toFixed(1).padStart(8)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${k}`);
};
console.log(`busy CPU in window: ${(total / 1000).toFixed(1)} ms${Number.isFinite(window[0]) ? ' (reveal window)' : ' (whole profile)'}`);
show('self time', self);
show('inclusive time', inclusive);
