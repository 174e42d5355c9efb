// The explorer's side panel: the selected item's op, device, attributes (large ones flagged),
// inputs and outputs (each clickable) with shapes; for groups their op histogram and an
// expand/collapse button; with run metadata chosen, compute time and memory (and for ops the device
// and output shapes it recorded); with nothing selected, the graph's totals.
import type { GraphSummary, NodeResponse } from './graphs_api';
import { formatBytes, formatMicros } from './stats_format';

interface Props {
  node: NodeResponse | null;
  summary?: GraphSummary;
  expanded: boolean;
  onToggle: () => void;
  onReveal: (id: number) => void;
  onTrace: () => void;
  onClearTrace?: () => void;
}

export function NodePanel({ node, summary, expanded, onToggle, onReveal, onTrace, onClearTrace }: Props) {
  if (!node) {
    return (
      <aside class="graphs__panel" aria-label="Node details">
        {summary ? (
          <>
            <h3>Graph</h3>
            <p>
              {summary.nodes} nodes, {summary.edges} edges ({summary.control_edges} control), {summary.groups} scopes,{' '}
              {summary.series} series; built in {summary.build_ms.toFixed(0)} ms.
            </p>
            {summary.devices.length > 0 && <p>Devices: {summary.devices.join(', ')}</p>}
            <p class="graphs__hint">Click a box to inspect it, double-click a group to open it.</p>
          </>
        ) : (
          <p class="graphs__hint">Loading…</p>
        )}
      </aside>
    );
  }
  return (
    <aside class="graphs__panel" aria-label="Node details">
      <h3 title={node.name}>{node.label}</h3>
      <p class="graphs__name">{node.name}</p>
      {node.stats && (
        <dl class="graphs__stats" aria-label="Run statistics">
          <dt>Compute time</dt>
          <dd data-field="compute">{formatMicros(node.stats.micros)}</dd>
          <dt>Memory</dt>
          <dd data-field="memory">{formatBytes(node.stats.bytes)}</dd>
          {node.stats.device && (
            <>
              <dt>Ran on</dt>
              <dd data-field="stats-device">{node.stats.device}</dd>
            </>
          )}
          {node.stats.output_shapes && node.stats.output_shapes.length > 0 && (
            <>
              <dt>Recorded outputs</dt>
              <dd>{node.stats.output_shapes.join(', ')}</dd>
            </>
          )}
          {node.stats.executions !== undefined && node.stats.executions > 1 && (
            <>
              <dt>Runs</dt>
              <dd>{node.stats.executions}</dd>
            </>
          )}
        </dl>
      )}
      {node.kind === 'op' ? (
        <dl>
          <dt>Op</dt>
          <dd data-field="op">{node.op}</dd>
          {node.device && (
            <>
              <dt>Device</dt>
              <dd>{node.device}</dd>
            </>
          )}
          {node.shapes && node.shapes.length > 0 && (
            <>
              <dt>Output shapes</dt>
              <dd data-field="shapes">{node.shapes.join(', ')}</dd>
            </>
          )}
        </dl>
      ) : (
        <>
          <p>
            {node.kind === 'series' ? 'Series' : 'Scope'} of {node.op_count} ops.{' '}
            <button type="button" onClick={onToggle}>
              {expanded ? 'Collapse' : 'Expand'}
            </button>
          </p>
          <ul class="graphs__list">
            {(node.op_histogram ?? []).slice(0, 12).map(([op, count]) => (
              <li>
                {op}: {count}
              </li>
            ))}
          </ul>
        </>
      )}
      {node.attrs && node.attrs.length > 0 && (
        <>
          <h4>Attributes</h4>
          <ul class="graphs__list graphs__attrs">
            {node.attrs.map((a) => (
              <li data-attr={a.key}>
                <b>{a.key}</b>: <code>{a.value}</code>
                {a.large && <span class="graphs__large"> (large: {a.bytes} bytes)</span>}
              </li>
            ))}
          </ul>
        </>
      )}
      {node.inputs && (
        <>
          <h4>Inputs ({node.inputs.length})</h4>
          <ul class="graphs__list">
            {node.inputs.map((i) => (
              <li>
                {i.id >= 0 ? (
                  <button type="button" class="graphs__link" onClick={() => onReveal(i.id)}>
                    {i.name}
                  </button>
                ) : (
                  <span class="graphs__missing">{i.name} (missing)</span>
                )}
                {i.shape && <span class="graphs__shape"> {i.shape}</span>}
                {i.control && <span class="graphs__shape"> control</span>}
              </li>
            ))}
          </ul>
          <p>
            <button type="button" onClick={onTrace}>
              Trace inputs
            </button>{' '}
            {onClearTrace && (
              <button type="button" onClick={onClearTrace}>
                Clear trace
              </button>
            )}
          </p>
        </>
      )}
      {node.outputs && (
        <>
          <h4>Outputs ({node.outputs.length})</h4>
          <ul class="graphs__list">
            {node.outputs.map((o) => (
              <li>
                <button type="button" class="graphs__link" onClick={() => onReveal(o.id)}>
                  {o.name}
                </button>
                {o.control && <span class="graphs__shape"> control</span>}
              </li>
            ))}
          </ul>
        </>
      )}
    </aside>
  );
}
