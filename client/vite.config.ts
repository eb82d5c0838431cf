import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const server = 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
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
          ],
        },
      },
    },
  },
});
