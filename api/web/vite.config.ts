import { defaultClientConditions, defineConfig } from 'vite';

// The admin page: plain TypeScript, no framework. Built into api/web/dist and served by the API
// (same origin), so nothing is loaded from anywhere else.
export default defineConfig({
  root: import.meta.dirname,
  // Shared modules the page uses (the import lifecycle) are bundled from their TypeScript source.
  resolve: { conditions: ['source', ...defaultClientConditions] },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
