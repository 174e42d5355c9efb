// The distributed view (traces with distributedInfo): each host's rank and, per step,
// computation, communication and their overlap.
import type { OverviewData } from './profile_api';
import { formatNs } from './profile_api';

export function DistributedView({ hosts }: { hosts: [string, OverviewData][] }) {
  return (
    <div class="profile-distributed">
      {hosts.map(([host, data]) => {
        const info = data.distributed_info ?? {};
        return (
          <section key={host}>
            <h3>
              {host}: rank {String(info.rank ?? '?')}
              {info.world_size !== undefined ? ` of ${String(info.world_size)}` : ''}
              {info.backend ? ` (${String(info.backend)})` : ''}
            </h3>
            <table class="profile-summary">
              <thead>
                <tr>
                  <th>Step</th>
                  <th>Computation</th>
                  <th>Communication</th>
                  <th>Overlap</th>
                  <th>Step time</th>
                </tr>
              </thead>
              <tbody>
                {data.steps.map((s) => (
                  <tr key={s.name}>
                    <td>{s.name}</td>
                    <td>{formatNs(s.computation_ns)}</td>
                    <td>{formatNs(s.communication_ns)}</td>
                    <td>{formatNs(s.overlap_ns)}</td>
                    <td>{formatNs(s.duration_ns)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        );
      })}
    </div>
  );
}
