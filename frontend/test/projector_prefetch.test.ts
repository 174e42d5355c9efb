// Unit tests of the projector's prefetch (prefetch.ts): opening the tab starts one worker that asks
// for the run list, the first run's config and the first tensor; the dashboard takes each of them
// once; a download of another tensor is cancelled; replies that came before the dashboard attached
// are handed over in order; when the worker fails first, the dashboard's own request is made. When
// index.html already asked (window.__tbxEarlyProjector), its answers are taken: the worker is handed
// only the values to download when the page's `pca` answer was painted, or told to ask for the PCA
// itself when there is none. fetch and Worker are stand-ins.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { JobReply, JobRequest, LoadRequest } from '../src/plugins/projector/projection_messages';

class FakeWorker {
  static made: FakeWorker[] = [];
  onmessage: ((event: { data: JobReply }) => void) | null = null;
  posted: JobRequest[] = [];
  terminated = false;
  constructor() {
    FakeWorker.made.push(this);
  }
  postMessage(message: JobRequest) {
    this.posted.push(message);
  }
  terminate() {
    this.terminated = true;
  }
  reply(data: JobReply) {
    this.onmessage?.({ data });
  }
}

const answers: Record<string, unknown> = {
  'data/plugin/projector/runs': ['emb', 'other'],
  'data/plugin/projector/info?run=emb': {
    embeddings: [
      { tensorName: 'first', tensorShape: [100, 16] },
      { tensorName: 'second', tensorShape: [100, 8] },
    ],
  },
};
let asked: string[] = [];

async function load() {
  vi.resetModules();
  return import('../src/plugins/projector/prefetch');
}

beforeEach(() => {
  asked = [];
  FakeWorker.made = [];
  vi.stubGlobal('Worker', FakeWorker);
  vi.stubGlobal('location', { href: 'http://host/app/' });
  vi.stubGlobal('fetch', async (url: string) => {
    asked.push(url);
    if (!(url in answers)) return new Response('{"error": "nope"}', { status: 400 });
    return new Response(JSON.stringify(answers[url]), { status: 200 });
  });
});

afterEach(() => vi.unstubAllGlobals());

const CONFIG = answers['data/plugin/projector/info?run=emb'];
const chosen = (): JobReply => ({ kind: 'chosen', runs: ['emb', 'other'], run: 'emb', tensorName: 'first', config: CONFIG });

describe('projector prefetch', () => {
  it('has one worker ask for the runs, the first config and the first tensor', async () => {
    const prefetch = await load();
    prefetch.startPrefetch();
    prefetch.startPrefetch();
    expect(FakeWorker.made).toHaveLength(1);
    expect(FakeWorker.made[0].posted).toEqual([
      { kind: 'first', base: 'http://host/app/data/plugin/projector/', serverPca: true, components: 10, project: 3 },
    ]);
    FakeWorker.made[0].reply(chosen());
    expect(await prefetch.takeRuns()).toEqual(['emb', 'other']);
    expect(prefetch.takeRuns()).toBeNull();
    expect(prefetch.takeInfo('other')).toBeNull();
    expect((await prefetch.takeInfo('emb'))?.embeddings?.[0].tensorName).toBe('first');
    expect(prefetch.takeInfo('emb')).toBeNull();
    expect(asked).toEqual([]); // the UI thread asked for nothing
  });

  it('hands the download to the dashboard with the replies so far, in order', async () => {
    const prefetch = await load();
    prefetch.startPrefetch();
    const worker = FakeWorker.made[0];
    worker.reply(chosen());
    worker.reply({ kind: 'progress', phase: 'download', fraction: 0.5 });
    worker.reply({ kind: 'done' });
    await prefetch.takeRuns();
    const pending = prefetch.takeLoad('emb', 'first');
    expect(pending?.worker).toBe(worker);
    const seen: string[] = [];
    pending!.attach((reply) => seen.push(reply.kind));
    worker.reply({ kind: 'error', message: 'late' });
    expect(seen).toEqual(['progress', 'done', 'error']);
    expect(prefetch.takeLoad('emb', 'first')).toBeNull();
  });

  it('cancels a download of another tensor than the one the dashboard wants', async () => {
    const prefetch = await load();
    prefetch.startPrefetch();
    FakeWorker.made[0].reply(chosen());
    expect(prefetch.takeLoad('emb', 'second')).toBeNull();
    expect(FakeWorker.made[0].terminated).toBe(true);
  });

  it('leaves the dashboard to ask itself when the worker fails first', async () => {
    const prefetch = await load();
    prefetch.startPrefetch();
    FakeWorker.made[0].reply({ kind: 'error', message: 'HTTP 500' });
    expect(FakeWorker.made[0].terminated).toBe(true);
    expect(await prefetch.takeRuns()).toEqual(['emb', 'other']);
    expect(asked).toEqual(['data/plugin/projector/runs']);
    expect(prefetch.takeInfo('emb')).toBeNull();
    expect(prefetch.takeLoad('emb', 'first')).toBeNull();
  });

  it("takes the page's early answers and hands the worker its pca answer", async () => {
    // A `pca` answer (http_api.md) of 2 rows of 16 columns, 1 component, float16 coordinates 1
    // and -2 (e = 0).
    const bytes = new Uint8Array(40 + 8 * (2 + 16) + 8 + 4);
    const view = new DataView(bytes.buffer);
    [2, 16, 1, 1, 2].forEach((v, i) => view.setBigUint64(8 * i, BigInt(v), true));
    view.setUint16(40 + 8 * 18 + 8, 0x3c00, true);
    view.setUint16(40 + 8 * 18 + 10, 0xc000, true);
    let headersIn: (response: Response) => void = () => undefined;
    const early = {
      pca: new Promise<Response>((resolve) => (headersIn = resolve)),
      runs: Promise.resolve(['emb', 'other']),
      info: Promise.resolve(CONFIG),
      pcaAt: 12,
    };
    vi.stubGlobal('window', { __tbxEarlyProjector: early });
    const prefetch = await load();
    prefetch.startPrefetch();
    expect(FakeWorker.made).toHaveLength(1);
    expect((window as { __tbxEarlyProjector?: unknown }).__tbxEarlyProjector).toBeUndefined();
    const taken = prefetch.takeRuns();
    headersIn(new Response(bytes, { headers: { 'X-Tbx-Run': 'emb', 'X-Tbx-Tensor': 'first' } }));
    expect(await taken).toEqual(['emb', 'other']);
    expect((await prefetch.takeInfo('emb'))?.embeddings?.[1].tensorName).toBe('second');
    const worker = FakeWorker.made[0];
    const pending = prefetch.takeLoad('emb', 'first');
    expect(pending?.worker).toBe(worker);
    expect(pending?.requestedAt).toBe(12);
    expect(pending?.askedByPage).toBe(true);
    // Painted from the answer decoded on this thread; the worker downloads the values only.
    const replies: JobReply[] = [];
    pending!.attach((reply) => replies.push(reply));
    await vi.waitFor(() => expect(worker.posted).toHaveLength(1));
    expect(replies).toHaveLength(1);
    const projected = replies[0] as Extract<JobReply, { kind: 'projected' }>;
    expect(projected.kind).toBe('projected');
    expect([projected.rows, projected.dims]).toEqual([2, 16]);
    expect(Array.from(projected.pca.projected)).toEqual([1, -2]);
    const request = worker.posted[0] as unknown as LoadRequest;
    expect(request.kind).toBe('load');
    expect(request.valuesOnly).toEqual({ rows: 2 });
    expect(request.pcaUrl).toBeUndefined();
    expect(request.dims).toBe(16);
    expect(request.url).toBe('http://host/app/data/plugin/projector/tensor?run=emb&name=first');
    expect(asked).toEqual([]);
  });

  it("has the worker ask for the pca itself when the page's answer is of another tensor or failed", async () => {
    for (const make of [
      () => Promise.resolve(new Response('x', { headers: { 'X-Tbx-Run': 'emb', 'X-Tbx-Tensor': 'second' } })),
      () => Promise.resolve(new Response('{"error": "too wide"}', { status: 400 })),
      () => Promise.reject(new Error('down')),
    ]) {
      FakeWorker.made = [];
      const pca = make();
      pca.catch(() => undefined);
      vi.stubGlobal('window', { __tbxEarlyProjector: { pca, runs: Promise.resolve(['emb']), info: Promise.resolve(CONFIG), pcaAt: 1 } });
      const prefetch = await load();
      prefetch.startPrefetch();
      await prefetch.takeRuns();
      expect(prefetch.takeLoad('emb', 'first')?.askedByPage).toBe(false);
      const worker = FakeWorker.made[0];
      await vi.waitFor(() => expect(worker.posted).toHaveLength(1));
      const request = worker.posted[0] as unknown as LoadRequest;
      expect(request.valuesOnly).toBeUndefined();
      expect(request.pcaUrl).toContain('/data/plugin/projector/pca?');
    }
  });

  it("asks itself when the page's run list failed", async () => {
    const early = { pca: Promise.reject(new Error('down')), runs: Promise.resolve(null), info: Promise.resolve(null), pcaAt: 1 };
    early.pca.catch(() => undefined);
    vi.stubGlobal('window', { __tbxEarlyProjector: early });
    const prefetch = await load();
    prefetch.startPrefetch();
    expect(await prefetch.takeRuns()).toEqual(['emb', 'other']);
    expect(asked).toEqual(['data/plugin/projector/runs']);
    expect(FakeWorker.made[0].terminated).toBe(true);
    expect(prefetch.takeLoad('emb', 'first')).toBeNull();
  });
});
