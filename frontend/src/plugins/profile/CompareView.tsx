// Compare two runs or spans: average step time per category and operators' host and device self
// time, side by side with the difference (second minus first).
import { useEffect, useMemo, useState } from 'preact/hooks';
import { DataTable } from './DataTable';
import { type Cell, type OverviewData, type TableData, type Target, fetchTool, formatNs } from './profile_api';

interface Side {
  overview: OverviewData;
  ops: TableData;
}

async function load(target: Target): Promise<Side> {
  const [overview, ops] = await Promise.all([
    fetchTool<OverviewData>(target, 'overview_page'),
    fetchTool<TableData>(target, 'op_profile'),
  ]);
  return { overview, ops };
}

/** Operator rows keyed by name: [calls, host self, device self]. */
function byName(ops: TableData): Map<string, [number, number, number]> {
  const c = (name: string) => ops.columns.indexOf(name);
  const out = new Map<string, [number, number, number]>();
  for (const row of ops.rows)
    out.set(String(row[c('name')]), [
      Number(row[c('calls')]),
      Number(row[c('host_self_ns')]),
      Number(row[c('device_self_ns')]),
    ]);
  return out;
}

export function compareOperators(a: TableData, b: TableData): Cell[][] {
  const left = byName(a);
  const right = byName(b);
  const names = new Set([...left.keys(), ...right.keys()]);
  const rows: Cell[][] = [];
  for (const name of names) {
    const l = left.get(name) ?? [0, 0, 0];
    const r = right.get(name) ?? [0, 0, 0];
    rows.push([name, l[0], r[0], l[1], r[1], r[1] - l[1], l[2], r[2], r[2] - l[2]]);
  }
  return rows;
}

const COLUMNS = [
  'name',
  'calls_a',
  'calls_b',
  'host_self_a_ns',
  'host_self_b_ns',
  'host_self_diff_ns',
  'device_self_a_ns',
  'device_self_b_ns',
  'device_self_diff_ns',
];

export function CompareView({ first, second }: { first: Target; second: Target }) {
  const [sides, setSides] = useState<[Side, Side] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setSides(null);
    Promise.all([load(first), load(second)])
      .then((s) => setSides(s))
      .catch((e: unknown) => setError(String(e)));
  }, [first.run, first.host, second.run, second.host]);
  const rows = useMemo(() => (sides ? compareOperators(sides[0].ops, sides[1].ops) : []), [sides]);
  if (error) return <div class="profile-warning">{error}</div>;
  if (!sides) return <p class="profile-muted">Loading…</p>;
  const [a, b] = sides;
  return (
    <div class="profile-compare">
      <h3>Average step time</h3>
      <table class="profile-summary">
        <thead>
          <tr>
            <th>Category</th>
            <th>
              {first.run} / {first.host}
            </th>
            <th>
              {second.run} / {second.host}
            </th>
            <th>Difference</th>
          </tr>
        </thead>
        <tbody>
          {a.overview.roles.map((role, i) => (
            <tr key={role}>
              <td>{role}</td>
              <td>{formatNs(a.overview.average.costs_ns[i])}</td>
              <td>{formatNs(b.overview.average.costs_ns[i])}</td>
              <td>{formatNs(b.overview.average.costs_ns[i] - a.overview.average.costs_ns[i])}</td>
            </tr>
          ))}
          <tr>
            <td>
              <b>Step</b>
            </td>
            <td>{formatNs(a.overview.average.step_ns)}</td>
            <td>{formatNs(b.overview.average.step_ns)}</td>
            <td>{formatNs(b.overview.average.step_ns - a.overview.average.step_ns)}</td>
          </tr>
        </tbody>
      </table>
      <h3>Operators</h3>
      <DataTable
        columns={COLUMNS}
        rows={rows}
        csvName="operators_compare.csv"
        initialSort={{ column: 5, descending: true }}
        format={(column, cell) =>
          column.endsWith('_ns') && typeof cell === 'number' ? formatNs(cell) : cell === null ? '' : String(cell)
        }
      />
    </div>
  );
}
