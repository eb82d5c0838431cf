import { createRequire } from 'node:module';
import path from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { staticallyImported } from './staticImports.js';
import { boardPageModules } from './boardPageModules.js';

const server = 'http://127.0.0.1:3000';

/**
 * UI-6: the browser talks to the server over WebSocket only (`transports: ['websocket']`, BoardSession), yet
 * engine.io-client's socket imports its table of every transport (HTTP long-polling with its XHR code, WebTransport)
 * and so the board page carried them. Its table is given here with the WebSocket transport alone: a transport asked
 * for by name and missing is refused by engine.io-client itself ("No transports available"), so nothing else changes.
 */
function engineWebSocketOnly(): Plugin {
  // (the module build's folder: Node's resolution gives the CommonJS one beside it)
  const cjs = createRequire(createRequire(import.meta.url).resolve('socket.io-client')).resolve('engine.io-client');
  const engine = path.join(path.dirname(cjs), '..', 'esm');
  const table = path.join(engine, 'transports', 'index.js');
  const websocket = path.join(engine, 'transports', 'websocket.js');
  const id = '\0engine-websocket-only';
  // engine.io-client's index also re-exports its polling transports (socket.io-client passes them on), and the XHR one
  // runs code at load (it makes an XMLHttpRequest to test it, and listens for the page's unload to abort requests), so
  // the bundler kept it though nothing here uses it. Declared free of side effects, it goes when unused.
  const unused = new Set(['polling-xhr.js', 'polling-fetch.js', 'polling.js', 'webtransport.js'].map((file) => path.join(engine, 'transports', file)));
  return {
    name: 'candor:engine-websocket-only',
    enforce: 'pre',
    async resolveId(source, importer) {
      if (source === './transports/index.js' && importer && path.join(path.dirname(importer), source) === table) return id;
      if (!importer?.startsWith(engine) || !source.includes('transports/')) return null;
      const resolved = await this.resolve(source, importer, { skipSelf: true });
      return resolved && unused.has(resolved.id) ? { ...resolved, moduleSideEffects: false } : null;
    },
    load(loaded) {
      return loaded === id ? `import { WS } from ${JSON.stringify(websocket)};\nexport const transports = { websocket: WS };\n` : null;
    },
  };
}

/**
 * UI-6: lib0's DOM helpers (which Yjs reaches through its logging) build four node-type checks with lib0's schema
 * module as they load, so the bundler kept that whole module (about 2 KB gzip) though nothing here uses the checks.
 * Those four calls only make objects: marked pure, they go when unused, and the schema module with them.
 */
function lib0WithoutSchema(): Plugin {
  // (Node's resolution gives the CommonJS build in lib0/dist; the modules the bundler takes are in lib0's folder)
  const dom = path.join(path.dirname(createRequire(createRequire(import.meta.url).resolve('yjs')).resolve('lib0/dom')), '..', 'dom.js');
  return {
    name: 'candor:lib0-without-schema',
    transform(code, id) {
      return id === dom ? code.replaceAll(' = $.$custom(', ' = /* @__PURE__ */ $.$custom(') : null;
    },
  };
}

/**
 * UI-6: Yjs reads a shared type by a number that names its class, from a table that also names its four XML classes
 * (XmlElement, XmlFragment, XmlHook, XmlText, with their tree walker and events: about 1.3 KB gzip of the board page),
 * so the bundler kept them though Candor makes none. Every type a browser receives is the server's: the board
 * document's maps and arrays, a Y.Text per note; and a peer's update to the notes that carries anything but plain text
 * is refused before anyone receives it (PE-8, CheckedNotes). So the table's XML entries are Yjs's own answer to
 * content it cannot read (lib0's `unexpectedCase`, as its table of contents does for a GC or Skip), and so are
 * `Doc.getXmlElement` and `getXmlFragment`, which nothing here calls. A Yjs whose code no longer reads as expected
 * fails the build instead of carrying them again unnoticed.
 */
function yjsWithoutXml(): Plugin {
  const yjs = /[\\/]yjs[\\/]dist[\\/]yjs\.mjs$/;
  const edits: [string, string][] = [
    ['  readYXmlElement,\n  readYXmlFragment,\n  readYXmlHook,\n  readYXmlText\n', '  error.unexpectedCase,\n  error.unexpectedCase,\n  error.unexpectedCase,\n  error.unexpectedCase\n'],
    ['(this.get(name, YXmlElement))', '(error.unexpectedCase())'],
    ['return this.get(name, YXmlFragment)', 'return error.unexpectedCase()'],
  ];
  return {
    name: 'candor:yjs-without-xml',
    transform(code, id) {
      if (!yjs.test(id)) return null;
      return edits.reduce((out, [from, to]) => {
        if (out.split(from).length !== 2) throw new Error(`candor:yjs-without-xml: Yjs (${id}) no longer holds ${JSON.stringify(from)} once`);
        return out.replace(from, to);
      }, code);
    },
  };
}

/**
 * UI-6: react-i18next reads its store through `use-sync-external-store/shim`, the stand-in for React's
 * `useSyncExternalStore` on Reacts older than 18, which on a React that has the hook hands back React's own. On this
 * React (19) its stand-in code, with its CommonJS wrapping, came along unused: the shim is React's hook here.
 */
function reactsOwnSyncExternalStore(): Plugin {
  const id = '\0use-sync-external-store-shim';
  return {
    name: 'candor:react-sync-external-store',
    enforce: 'pre',
    resolveId(source) {
      return source === 'use-sync-external-store/shim' ? id : null;
    },
    load(loaded) {
      return loaded === id ? "export { useSyncExternalStore } from 'react';\n" : null;
    },
  };
}

/**
 * UI-6: what every page loads first (the entry's own files), and the few small files each page's code shares beside
 * it, go in one chunk: rolldown would give each file shared with code loaded on demand a chunk of its own, and
 * every separately gzipped file costs bytes (the board page 150.7 KB against 149.2; the home and team pages less
 * too; the confirm-in-place and the short card text, shared since stop 47's changes, 150.3 against 149.98; the refusal of a paste that does not fit, shared by a card's box and the action and offer fields, 150.5 against 149.6; the trust lens's four parts, shared by the team page and the lens, a file of their own once `allowedIn` no longer brought them to the board page). Shared code that pulls in Yjs or Socket.io stays out, or every page would fetch them.
 */
const ENTRY = new Set(staticallyImported(['main.tsx']));
const SMALL_SHARED = /[\\/]src[\\/](board[\\/]presenting|layout[\\/]useIsPhone|i18n[\\/]Strong|home[\\/]myRetros|facilitation[\\/]InlineConfirm|cards[\\/]shortText|cards[\\/]pasteThatFits|domain[\\/]trustLens)\.tsx?$|preload-helper/;


/**
 * BU-1: what only the board page loads, in one chunk. Rolldown gives each module the board page shares with a part
 * it loads on demand a chunk of its own (the session with the Socket.io client, Yjs, the blameless hint, the read-only
 * check, a progress test…), and the board page fetched seven such files besides its own, each gzipped apart. Those go in one
 * group: a module the board page imports, unless code that can load without the board page imports it too (the
 * entry, the home and team pages and their parts, a language); that code's modules go to the entry's group instead,
 * so no page fetches the board's chunk. The board's parts load after the board page: they find the chunk there.
 * Read from the module graph once it is complete (`buildEnd`, before chunks are made), by boardPageModules.ts: @candor/shared
 * is one index re-exporting every rule, so a shared module counts as imported by code only when the code imports one
 * of its names (TW-2: read with TypeScript's parser; regular expressions missed `export { a, b } from` lists).
 */
/**
 * UI-16 UI-40: of the parts fetched ahead, those the board shows around Write's first screen (the pulse, the
 * facilitator's bar and a phone's step bar, the nudge to invite, the menus of the people list…) come in a small file
 * before the rest: a person coming back to the board skips the join form, during which the parts arrive, and on a slow
 * line the pulse waited for every later phase's code to drop in over the card boxes.
 */
const SOON = /[\\/]src[\\/](pulse[\\/]TrustPulse|board[\\/](FacilitatorBar|PhoneStepBar|OwnerBanner|ForgetMe|DeleteBoard)|facilitation[\\/](InviteNudge|PersonActions))\.tsx$/;

function boardPageModulesPlugin(): {
  plugin: Plugin;
  onlyBoard: (id: string) => boolean;
  alsoElsewhere: (id: string) => boolean;
  later: (id: string) => boolean;
  soon: (id: string) => boolean;
} {
  const boardPage = path.resolve(import.meta.dirname, 'src/board/BoardPage.tsx');
  const sharedIndex = path.resolve(import.meta.dirname, '../shared/src/index.ts');
  let modules = { onlyBoard: new Set<string>(), alsoElsewhere: new Set<string>(), later: new Set<string>(), soon: new Set<string>() };
  const plugin: Plugin = {
    name: 'candor:board-page-modules',
    buildEnd() {
      const ids = [...this.getModuleIds()];
      const main = ids.find((id) => /[\\/]src[\\/]main\.tsx$/.test(id)) ?? '';
      modules = boardPageModules({ ids, info: (id) => this.getModuleInfo(id), main, boardPage, sharedIndex, soonParts: (id) => SOON.test(id) });
    },
  };
  return {
    plugin,
    onlyBoard: (id) => modules.onlyBoard.has(id),
    alsoElsewhere: (id) => modules.alsoElsewhere.has(id),
    later: (id) => modules.later.has(id),
    soon: (id) => modules.soon.has(id),
  };
}
const BOARD_PAGE_MODULES = boardPageModulesPlugin();

export default defineConfig({
  plugins: [react(), engineWebSocketOnly(), lib0WithoutSchema(), yjsWithoutXml(), reactsOwnSyncExternalStore(), BOARD_PAGE_MODULES.plugin],
  // One Yjs instance for the app, y-websocket and @candor/shared, or Y.Doc checks fail across copies.
  resolve: { dedupe: ['yjs', 'y-protocols', 'lib0'] },
  server: {
    proxy: {
      '/api': server,
      '/socket.io': { target: server, ws: true },
      '/yjs': { target: server, ws: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    manifest: true,
    rolldownOptions: {
      output: {
        // React and i18next in one chunk of their own: left to itself the bundler spreads them over several small
        // chunks as on-demand code starts sharing them, and each separately gzipped file costs the board page bytes.
        codeSplitting: {
          groups: [
            { name: 'framework', test: /node_modules[\\/].pnpm[\\/](react|react-dom|scheduler|i18next|react-i18next|use-sync-external-store)@/ },
            { name: 'entry', test: (id: string) => ENTRY.has(id) || SMALL_SHARED.test(id) || BOARD_PAGE_MODULES.alsoElsewhere(id) },
            // (each module on its own: a group would otherwise take the modules it imports along, the entry's too)
            { name: 'BoardPage', test: BOARD_PAGE_MODULES.onlyBoard, includeDependenciesRecursively: false },
            // AB-15 UI-16: the parts the board fetches ahead once it is up, and what only they import, in two files
            // (boardPageModules.ts, `soon` and `later`): each part and each small module they share was a file of its
            // own, 35 requests a browser made after every board opened, each one counted against its address and
            // costing the browser more than its bytes (a page load with its join 1.2 s of CPU in all of Chromium's
            // processes, 0.1 s less with one file; stop 69). What Write shows comes first, in the small one (SOON).
            // What loads only when used stays apart: the emoji list, the chime, the blameless check, the check-in
            // question, the notes' y-websocket
            { name: 'boardSoon', test: BOARD_PAGE_MODULES.soon, includeDependenciesRecursively: false },
            { name: 'boardLater', test: BOARD_PAGE_MODULES.later, includeDependenciesRecursively: false },
          ],
        },
      },
    },
  },
});
