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
 * preloaded by vite already), then those chunks' style sheets. index.html's inline script preloads
 * them (`<link rel="modulepreload">`, `<link rel="preload" as="style">`) when the link opens that
 * tab: their downloads then start while the HTML is parsed, in parallel with the entry script,
 * instead of once the entry has run and asked for the tab (the dashboard's import also waits for
 * its style sheets, which it asked for only then). Other tabs load none of that code.
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
          // And their style sheets, which the dashboard's import waits for (vite adds them then).
          const sheets = new Set<string>();
          const queue = [start.fileName];
          while (queue.length > 0) {
            const file = queue.shift()!;
            if (files.includes(file) || entryImports.has(file)) continue;
            files.push(file);
            const chunk = chunks.find((c) => c.fileName === file);
            queue.push(...(chunk?.imports ?? []));
            for (const sheet of chunk?.viteMetadata?.importedCss ?? []) sheets.add(sheet);
          }
          return [...files, ...sheets].map((file) => `./${file}`);
        };
        const list = JSON.stringify(Object.fromEntries(plugins.map((plugin) => [plugin, filesOf(plugin)])));
        return [{ tag: 'script', children: `window.__tbxPreload = ${list};`, injectTo: 'head-prepend' as const }];
      },
    },
  };
}

/** What rollup's `manualChunks` is told of a module. */
interface ModuleGraph {
  getModuleIds: () => IterableIterator<string>;
  getModuleInfo: (id: string) => { isEntry: boolean; importedIds: readonly string[]; dynamicImporters: readonly string[] } | null;
}

/** The chunk of its own for a module of a library (`lib-<package>`), or null for our code. */
function libraryChunk(id: string): string | null {
  const library = /[\\/]node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(id);
  return library ? `lib-${library[1].replace(/[^a-z0-9]+/gi, '_')}` : null;
}

/**
 * Chunks the dashboards' code by dashboard rather than by sharing. Left to rollup, the code a
 * dashboard shares with others was split into one file per set of sharers: the Scalars tab loaded
 * 14 files, which the browser fetched at most 6 at a time over HTTP/1.1, behind the first screen's
 * `/series` answers, so the last arrived some 100–150 ms after the first on a 2-core machine (and
 * the dashboard could not run before it). Here:
 * - the entry's modules and whatever they import statically go to the entry's chunk, explicitly:
 *   rollup pulls a manual chunk's unassigned dependencies into that chunk, which would otherwise
 *   have moved entry modules into a dashboard's chunk and made the first script import it;
 * - a module that only one dashboard reaches (statically, from its plugins/<name>/index.ts) goes
 *   to that dashboard's chunk;
 * - our code that several dashboards reach goes to one chunk, `dashboards-shared`, so a tab loads
 *   two files of ours;
 * - a library that several dashboards reach, or that is also imported dynamically (uPlot, after
 *   the Scalars charts are drawn), goes to a chunk of its own (`lib-three`, `lib-uplot`), so that
 *   no tab loads another's libraries;
 * - workers, and modules only imported dynamically (the graph layout, the export's series), are
 *   left to rollup, which gives them chunks of their own.
 */
function chunkByDashboard() {
  let owner: Map<string, string> | null = null;
  const reach = (graph: ModuleGraph, from: readonly string[], into: Set<string>) => {
    const stack = [...from];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (into.has(id)) continue;
      into.add(id);
      stack.push(...(graph.getModuleInfo(id)?.importedIds ?? []));
    }
  };
  const chunks = (graph: ModuleGraph): Map<string, string> => {
    const ids = [...graph.getModuleIds()];
    const entry = new Set<string>();
    reach(graph, ids.filter((id) => graph.getModuleInfo(id)?.isEntry), entry);
    // Libraries that some module imports dynamically: always in a chunk of their own.
    const loadedLater = new Set(
      ids.filter((id) => (graph.getModuleInfo(id)?.dynamicImporters.length ?? 0) > 0).map(libraryChunk),
    );
    const chosen = new Map<string, string>();
    for (const id of entry) chosen.set(id, 'index');
    for (const id of ids) {
      const dashboard = /[\\/]src[\\/]plugins[\\/]([a-z_]+)[\\/]index\.tsx?$/.exec(id);
      if (!dashboard) continue;
      const own = `dashboard-${dashboard[1]}`;
      const reached = new Set<string>();
      reach(graph, [id], reached);
      for (const module of reached) {
        if (entry.has(module) || /worker/.test(module) || module.startsWith('\0')) continue;
        const library = libraryChunk(module);
        const before = chosen.get(module);
        if (library && loadedLater.has(library)) chosen.set(module, library);
        else if (before === undefined || before === own) chosen.set(module, own);
        else chosen.set(module, library ?? 'dashboards-shared');
      }
    }
    return chosen;
  };
  return (id: string, graph: ModuleGraph): string | undefined => {
    owner ??= chunks(graph);
    return owner.get(id);
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
    // A tab's code in two files (chunkByDashboard), not one per set of dashboards sharing it.
    rollupOptions: { output: { chunkFileNames: chunkFileName, hashCharacters: 'hex', manualChunks: chunkByDashboard() } },
  },
  server: {
    proxy: { '/data': { target: tbxUrl, changeOrigin: true } },
  },
  test: {
    environment: 'node',
    include: ['test/**/*.test.ts'],
  },
}));
