// Build and dev-server configuration for the tbx frontend.
//
// `npm run build` writes a self-contained bundle with relative asset URLs (base './') so the
// app works under any --path_prefix, behind proxies and inside iframes. `npm run dev` serves the
// sources and proxies `data/` to a running tbx (TBX_URL, default http://localhost:6006) or to
// the mock server in dev/ (`npm run mock`).
//
// `npm run build:export` (mode `export`) builds the same app as one classic script,
// `tbx-export.js`, and `tbx-export.css`, for `tbx export`'s static folders: browsers load no ES
// modules from file://, so the export needs a single IIFE with every lazy dashboard inlined.
import { defineConfig } from 'vitest/config';

const tbxUrl = process.env.TBX_URL ?? 'http://localhost:6006';

const exportBuild = {
  outDir: 'dist/export',
  emptyOutDir: true,
  target: 'es2022',
  chunkSizeWarningLimit: 4000,
  lib: {
    entry: 'src/main.tsx',
    formats: ['iife' as const],
    name: 'tbxExport',
    fileName: () => 'tbx-export.js',
    cssFileName: 'tbx-export',
  },
};

/**
 * Chunk file names: the chunk holding a dashboard's module (plugins/<name>/index.ts) is
 * `dashboard-<name>-<hash>.js`, so tests can tell which dashboards a page loaded.
 */
function chunkFileName(chunk: { moduleIds: readonly string[] }): string {
  for (const id of chunk.moduleIds) {
    const dashboard = /[\\/]src[\\/]plugins[\\/]([a-z_]+)[\\/]index\.tsx?$/.exec(id);
    if (dashboard) return `assets/dashboard-${dashboard[1]}-[hash].js`;
  }
  return 'assets/[name]-[hash].js';
}

export default defineConfig(({ mode }) => ({
  base: './',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  define: mode === 'export' ? { 'process.env.NODE_ENV': '"production"' } : {},
  // The export takes favicon.svg from the main build (tbx export copies it).
  publicDir: mode === 'export' ? false : 'public',
  build: mode === 'export' ? exportBuild : {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 600,
    rollupOptions: { output: { chunkFileNames: chunkFileName } },
  },
  server: {
    proxy: { '/data': { target: tbxUrl, changeOrigin: true } },
  },
  test: {
    environment: 'node',
    include: ['test/**/*.test.ts'],
  },
}));
