// The web app: root is web/, the production build goes to <repo>/dist/web, which the server
// serves (config.webDist). In development `vite --config web/vite.config.ts` proxies the API
// to a server on 127.0.0.1:8080.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const at = (rel: string) => decodeURIComponent(new URL(rel, import.meta.url).pathname);
const api = 'http://127.0.0.1:8080';

export default defineConfig({
  root: at('.'),
  base: '/',
  plugins: [react()],
  build: {
    outDir: at('../dist/web'),
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: {
      '/api': { target: api, changeOrigin: false },
      '/open311': { target: api, changeOrigin: false },
      '/healthz': { target: api, changeOrigin: false },
    },
  },
  preview: { host: '127.0.0.1', port: 4173 },
});
