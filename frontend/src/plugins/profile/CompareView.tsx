// Compare two runs or spans: average step time per category, every step's time and category
// costs, and operators' host and device self time, side by side with the difference (second minus
// first).
import { useEffect, useMemo, useState } from 'preact/hooks';
import { DataTable } from './DataTable';
import {
  type Cell,
  type OverviewData,
  type StepCost,
  type TableData,
  type Target,
  fetchTool,
  formatNs,
} from './profile_api';

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

/**
 * Pairs the steps of two profiles: by name where the two share step names (ProfilerStep#12 with
 * ProfilerStep#12, so a profile that started later still lines up), otherwise by position. Rows
 * are [step a, step b, step time a, b, difference, then per category (roles order) the difference];
 * a step only one side has gets null on the other.
 */
export function compareSteps(a: StepCost[], b: StepCost[]): Cell[][] {
  const rightByName = new Map(b.map((s) => [s.name, s]));
  const shared = a.some((s) => rightByName.has(s.name));
  const pairs: [StepCost | undefined, StepCost | undefined][] = [];
  if (shared) {
    const leftNames = new Set(a.map((s) => s.name));
    for (const s of a) pairs.push([s, rightByName.get(s.name)]);
    for (const s of b) if (!leftNames.has(s.name)) pairs.push([undefined, s]);
  } else {
    for (let i = 0; i < Math.max(a.length, b.length); i++) pairs.push([a[i], b[i]]);
  }
  const roles = Math.max(a[0]?.costs_ns.length ?? 0, b[0]?.costs_ns.length ?? 0);
  return pairs.map(([l, r]) => {
    const row: Cell[] = [l?.name ?? null, r?.name ?? null, l?.duration_ns ?? null, r?.duration_ns ?? null];
    row.push(l && r ? r.duration_ns - l.duration_ns : null);
    for (let k = 0; k < roles; k++) row.push(l && r ? (r.costs_ns[k] ?? 0) - (l.costs_ns[k] ?? 0) : null);
    return row;
  });
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

function formatCell(column: string, cell: Cell): string {
  return column.endsWith('_ns') && typeof cell === 'number' ? formatNs(cell) : cell === null ? '' : String(cell);
}

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
  const stepRows = useMemo(() => (sides ? compareSteps(sides[0].overview.steps, sides[1].overview.steps) : []), [sides]);
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
      <h3>Step by step</h3>
      <DataTable
        columns={[
          'step_a',
          'step_b',
          'step_a_ns',
          'step_b_ns',
          'step_diff_ns',
          ...a.overview.roles.map((role) => `${role.toLowerCase().replace(/[^a-z0-9]+/g, '_')}_diff_ns`),
        ]}
        rows={stepRows}
        csvName="steps_compare.csv"
        format={formatCell}
      />
      <h3>Operators</h3>
      <DataTable
        columns={COLUMNS}
        rows={rows}
        csvName="operators_compare.csv"
        initialSort={{ column: 5, descending: true }}
        format={formatCell}
      />
    </div>
  );
}
