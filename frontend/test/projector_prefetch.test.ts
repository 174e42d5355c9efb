// Unit tests of the projector's prefetch (prefetch.ts): opening the tab asks for the run list, the
// first run's config and the first tensor (in a worker) once; the dashboard takes each of them
// once; a download of another tensor is cancelled; replies that came before the dashboard attached
// are handed over in order. fetch and Worker are stand-ins.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { JobReply, LoadRequest } from '../src/plugins/projector/projection_messages';

class FakeWorker {
  static made: FakeWorker[] = [];
  onmessage: ((event: { data: JobReply }) => void) | null = null;
  posted: LoadRequest[] = [];
  terminated = false;
  constructor() {
    FakeWorker.made.push(this);
  }
  postMessage(message: LoadRequest) {
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

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

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

describe('projector prefetch', () => {
  it('asks for the runs, the first config and the first tensor once', async () => {
    const prefetch = await load();
    prefetch.startPrefetch();
    prefetch.startPrefetch();
    await settle();
    expect(asked).toEqual(['data/plugin/projector/runs', 'data/plugin/projector/info?run=emb']);
    expect(FakeWorker.made).toHaveLength(1);
    expect(FakeWorker.made[0].posted).toEqual([
      {
        kind: 'load',
        url: 'http://host/app/data/plugin/projector/tensor?run=emb&name=first',
        dims: 16,
        components: 10,
        project: 3,
      },
    ]);
    expect(await prefetch.takeRuns()).toEqual(['emb', 'other']);
    expect(prefetch.takeRuns()).toBeNull();
    expect(prefetch.takeInfo('other')).toBeNull();
    expect((await prefetch.takeInfo('emb'))?.embeddings?.[0].tensorName).toBe('first');
    expect(prefetch.takeInfo('emb')).toBeNull();
  });

  it('hands the download to the dashboard with the replies so far, in order', async () => {
    const prefetch = await load();
    prefetch.startPrefetch();
    await settle();
    const worker = FakeWorker.made[0];
    worker.reply({ kind: 'progress', phase: 'download', fraction: 0.5 });
    worker.reply({ kind: 'done' });
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
    await settle();
    expect(prefetch.takeLoad('emb', 'second')).toBeNull();
    expect(FakeWorker.made[0].terminated).toBe(true);
  });

  it('leaves nothing behind when the runs cannot be listed', async () => {
    delete answers['data/plugin/projector/runs'];
    try {
      const prefetch = await load();
      prefetch.startPrefetch();
      await settle();
      await settle();
      expect(FakeWorker.made).toHaveLength(1);
      expect(FakeWorker.made[0].posted).toEqual([]);
      expect(FakeWorker.made[0].terminated).toBe(true);
      await expect(prefetch.takeRuns()).rejects.toThrow();
      expect(prefetch.takeLoad('emb', 'first')).toBeNull();
    } finally {
      answers['data/plugin/projector/runs'] = ['emb', 'other'];
    }
  });
});
