import fs from 'node:fs';
import path from 'node:path';

/** The client's source folder. */
export const CLIENT_SRC = path.resolve(import.meta.dirname, 'src');

function resolveImport(from: string, spec: string): string | null {
  const base = path.resolve(path.dirname(from), spec.replace(/\.js$/, ''));
  for (const candidate of [`${base}.ts`, `${base}.tsx`, `${base}/index.ts`]) if (fs.existsSync(candidate)) return candidate;
  return null;
}

/**
 * UI-6: every client source file that loads with `roots` (paths under client/src): their static imports of the
 * client's own files, transitively, read from the source (`import()` loads on demand and is not followed; type-only
 * imports load nothing). The bundle's first chunk (vite.config.ts) and the board page's words (boardWords.test.ts)
 * both follow it.
 */
export function staticallyImported(roots: readonly string[]): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = fs.readFileSync(file, 'utf8');
    for (const match of source.matchAll(/^(?:import|export)\s+(?!type\b)(?:[^;]*?\sfrom\s+)?'(\.[^']+)'/gms)) {
      const target = resolveImport(file, match[1]!);
      if (target) visit(target);
    }
  };
  for (const root of roots) visit(path.join(CLIENT_SRC, root));
  return [...seen];
}
