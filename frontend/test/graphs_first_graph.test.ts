// Unit tests of the graph explorer's first graph (first_graph.ts): which run and graph it opens
// first, the graph a selector state asks for, and the start-up prefetch (info, then that graph's
// top-level group, taken by the dashboard's own requests; the workers started once, in a task of
// their own, unless the explorer has made its own by then). fetch and Worker are stand-ins.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { firstGraph, graphSpec, tagOptions } from '../src/plugins/graphs/first_graph';
import type { GraphsInfo } from '../src/plugins/graphs/graphs_api';

const INFO: GraphsInfo = {
  empty: { run: 'empty', run_graph: false, tags: { loss: { tag: 'loss', conceptual_graph: false, op_graph: false, profile: true } } },
  keras: { run: 'keras', run_graph: false, tags: { model: { tag: 'model', conceptual_graph: true, op_graph: false, profile: false } } },
  model: { run: 'model', run_graph: true, tags: { step_1: { tag: 'step_1', conceptual_graph: false, op_graph: true, profile: true } } },
};

class FakeWorker {
  static made: string[] = [];
  constructor(url: URL | string) {
    FakeWorker.made.push(String(url));
  }
  postMessage() {}
  addEventListener() {}
  terminate() {}
}

let asked: string[] = [];

beforeEach(() => {
  asked = [];
  FakeWorker.made = [];
  vi.stubGlobal('Worker', FakeWorker);
  vi.stubGlobal('fetch', async (url: string) => {
    asked.push(url);
    return new Response(url === 'data/plugin/graphs/info' ? JSON.stringify(INFO) : '{"group": {"id": 0}}', { status: 200 });
  });
});

afterEach(() => vi.unstubAllGlobals());

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

async function load() {
  vi.resetModules();
  return {
    first: await import('../src/plugins/graphs/first_graph'),
    api: await import('../src/plugins/graphs/graphs_api'),
    workers: await import('../src/plugins/graphs/graph_workers'),
  };
}

describe('the first graph', () => {
  it('is the first run with a graph, and its first graph', () => {
    expect(firstGraph(INFO)).toEqual({ run: 'keras', tag: 'model' });
    expect(firstGraph({ model: INFO.model })).toEqual({ run: 'model', tag: '' });
    expect(firstGraph({ empty: INFO.empty })).toBeNull();
    expect(tagOptions(INFO, 'model').map((o) => o.value)).toEqual(['', 'step_1']);
  });

  it('asks for a tag with only a Keras model as its conceptual graph, and stats only for op graphs', () => {
    expect(graphSpec(INFO, 'keras', 'model', false, undefined)).toEqual({ run: 'keras', tag: 'model', conceptual: true });
    expect(graphSpec(INFO, 'model', '', false, 'step_1')).toEqual({ run: 'model', tag: undefined, conceptual: false, stats: 'step_1' });
    expect(graphSpec(INFO, 'keras', 'model', true, 'x')).toEqual({ run: 'keras', tag: 'model', conceptual: true, stats: undefined });
    expect(graphSpec(INFO, 'missing', '', false, undefined)).toBeNull();
  });

  it('prefetches info, then the first graph\'s top-level group, which the dashboard\'s requests take', { timeout: 30000 }, async () => {
    const { first, api } = await load();
    first.prefetchFirstGraph();
    first.prefetchFirstGraph();
    expect(FakeWorker.made).toHaveLength(0); // not in the task that evaluates the app's script
    await nextTask();
    expect(FakeWorker.made).toHaveLength(1); // the layout worker (no canvas to transfer in node)
    expect(await api.fetchGraphsInfo()).toEqual(INFO);
    const group = `data/plugin/graphs/hierarchy?run=keras&tag=model&conceptual=true&group=0`;
    await vi.waitFor(() => expect(asked).toContain(group));
    expect(await api.fetchGroup({ run: 'keras', tag: 'model', conceptual: true }, 0)).toEqual({ group: { id: 0 } });
    expect(asked).toEqual(['data/plugin/graphs/info', group]);
  });

  it('starts no worker of its own once the explorer has made one', async () => {
    const { first, workers } = await load();
    first.prefetchFirstGraph();
    workers.takeLayoutWorker();
    await nextTask();
    expect(FakeWorker.made).toHaveLength(1); // the explorer's, none left unused
  });
});
