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
import type { Plugin } from 'vite';
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

/**
 * Lists in index.html (`window.__tbxPreload[plugin]`, a script at the top of its head) the chunk
 * of each dashboard in `plugins` and every chunk it imports statically (those the entry imports are
 * preloaded by vite already). index.html's inline script preloads them
 * (`<link rel="modulepreload">`) when the link opens that tab: their downloads then start while
 * the HTML is parsed, in parallel with the entry script, instead of once the entry has run and
 * asked for the tab. Other tabs load none of that code.
 */
function preloadDashboards(plugins: string[]): Plugin {
  return {
    name: 'tbx-preload-dashboard',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const bundle = ctx.bundle;
        if (!bundle) return html;
        const chunks = Object.values(bundle).flatMap((c) => (c.type === 'chunk' ? [c] : []));
        const entryImports = new Set(chunks.filter((c) => c.isEntry).flatMap((c) => [c.fileName, ...c.imports]));
        const filesOf = (plugin: string) => {
          const start = chunks.find((c) => c.fileName.startsWith(`assets/dashboard-${plugin}-`));
          if (!start) throw new Error(`no chunk for dashboard ${plugin}`);
          const files: string[] = [];
          const queue = [start.fileName];
          while (queue.length > 0) {
            const file = queue.shift()!;
            if (files.includes(file) || entryImports.has(file)) continue;
            files.push(file);
            queue.push(...(chunks.find((c) => c.fileName === file)?.imports ?? []));
          }
          return files.map((file) => `./${file}`);
        };
        const list = JSON.stringify(Object.fromEntries(plugins.map((plugin) => [plugin, filesOf(plugin)])));
        return [{ tag: 'script', children: `window.__tbxPreload = ${list};`, injectTo: 'head-prepend' as const }];
      },
    },
  };
}

export default defineConfig(({ mode }) => ({
  base: './',
  // These dashboards' code is preloaded with the page when the link opens their tab.
  plugins: mode === 'export' ? [] : [preloadDashboards(['scalars', 'histograms', 'graphs', 'mesh'])],
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  worker: { rollupOptions: { output: { hashCharacters: 'hex' } } },
  define: mode === 'export' ? { 'process.env.NODE_ENV': '"production"' } : {},
  // The export takes favicon.svg from the main build (tbx export copies it).
  publicDir: mode === 'export' ? false : 'public',
  build: mode === 'export' ? exportBuild : {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 600,
    // Hex hashes: the server serves a file whose name ends in a hash of letters and digits as
    // immutable (src/server/static_assets.h); base64 hashes without a digit or with a '-'
    // (index-BurbPevA.css, dashboard-scalars-DulQc6-K.js) were revalidated on every page open.
    rollupOptions: { output: { chunkFileNames: chunkFileName, hashCharacters: 'hex' } },
  },
  server: {
    proxy: { '/data': { target: tbxUrl, changeOrigin: true } },
  },
  test: {
    environment: 'node',
    include: ['test/**/*.test.ts'],
  },
}));
