// Build and dev-server configuration for the tbx frontend.
//
// `npm run build` writes a self-contained bundle with relative asset URLs (base './') so the
// app works under any --path_prefix, behind proxies and inside iframes. `npm run dev` serves the
// sources and proxies `data/` to a running tbx (TBX_URL, default http://localhost:6006) or to
// the mock server in dev/ (`npm run mock`).
import { defineConfig } from 'vitest/config';

const tbxUrl = process.env.TBX_URL ?? 'http://localhost:6006';

export default defineConfig({
  base: './',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 600,
  },
  server: {
    proxy: { '/data': { target: tbxUrl, changeOrigin: true } },
  },
  test: {
    environment: 'node',
    include: ['test/**/*.test.ts'],
  },
});
