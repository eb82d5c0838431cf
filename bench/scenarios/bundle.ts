import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

/** What a browser downloads, read from Vite's build manifest (client/dist/.vite/manifest.json). */
interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  name?: string;
  imports?: string[];
  dynamicImports?: string[];
}
type Manifest = Record<string, ManifestChunk>;

export interface BundleResult {
  /** gzip bytes of the JavaScript the board page loads before it can show a board (entry + board page, static imports) */
  boardFirstLoad: number;
  boardFiles: string[];
  /** gzip bytes of every chunk fetched only on demand (other pages, phases, facilitator tools, other languages) */
  onDemand: { chunk: string; gzip: number }[];
}

/**
 * The chunk a route reaches: its manifest key is the page's source file, or, when the page is in a group chunk
 * (client/vite.config.ts, BU-1), the group is named after the page and the entry loads it on demand.
 */
const BOARD_PAGE = 'src/board/BoardPage.tsx';
const BOARD_PAGE_GROUP = 'BoardPage';

function boardPageChunk(manifest: Manifest, entry: string): string | undefined {
  if (manifest[BOARD_PAGE]) return BOARD_PAGE;
  const onDemand = new Set(Object.values(manifest).flatMap((chunk) => chunk.dynamicImports ?? []));
  return Object.keys(manifest).find((key) => manifest[key]!.name === BOARD_PAGE_GROUP && !manifest[key]!.isEntry && onDemand.has(key) && !staticClosure(manifest, entry).has(key));
}

function gzipSize(file: string): number {
  return zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
}

/** Every chunk that loads together with `key`: itself and its static imports, transitively. */
function staticClosure(manifest: Manifest, key: string, into = new Set<string>()): Set<string> {
  if (into.has(key)) return into;
  into.add(key);
  for (const dep of manifest[key]?.imports ?? []) staticClosure(manifest, dep, into);
  return into;
}

export function measureBundle(distDir: string): BundleResult {
  const manifest = JSON.parse(fs.readFileSync(path.join(distDir, '.vite/manifest.json'), 'utf8')) as Manifest;
  const entry = Object.keys(manifest).find((k) => manifest[k]!.isEntry);
  if (!entry) throw new Error('no entry in the Vite manifest');
  const boardPage = boardPageChunk(manifest, entry);
  if (!boardPage) throw new Error(`${BOARD_PAGE} is not in a chunk loaded on demand (is it still lazy?)`);
  const first = staticClosure(manifest, entry, staticClosure(manifest, boardPage));
  const size = (key: string) => gzipSize(path.join(distDir, manifest[key]!.file));
  const boardFirstLoad = [...first].reduce((sum, key) => sum + size(key), 0);
  const onDemand = Object.keys(manifest)
    .filter((key) => !first.has(key) && manifest[key]!.file.endsWith('.js'))
    .map((key) => ({ chunk: manifest[key]!.file, gzip: size(key) }))
    .sort((a, b) => b.gzip - a.gzip);
  return { boardFirstLoad, boardFiles: [...first].map((k) => manifest[k]!.file), onDemand };
}
