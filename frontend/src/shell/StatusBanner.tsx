// Loading progress while event files are still being read, and a notice for runs whose files
// had corrupt records. Polls `data/status` every second until the first load is done, then on
// each data refresh.
import { useEffect } from 'preact/hooks';
import { HttpError, api } from '../api/client';
import type { AppServices } from '../app/services';
import { useStore } from '../state/store';

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  return `${(bytes / 1024 / 1024 / 1024).toFixed(2)} GiB`;
}

export function StatusBanner({ app }: { app: AppServices }) {
  const status = useStore(app.data, (d) => d.status);
  const refresh = useStore(app.data, (d) => d.refresh);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const next = await api.status();
        if (stopped) return;
        app.data.set({ status: next });
        const loading = !next.first_load_done || next.runs.some((r) => !r.loaded);
        if (loading) timer = setTimeout(poll, 1000);
      } catch (e) {
        // A server without the status route simply shows no progress.
        if (!(e instanceof HttpError)) timer = setTimeout(poll, 5000);
      }
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [refresh]);

  if (!status) return null;
  const loading = !status.first_load_done || status.runs.some((r) => !r.loaded);
  const read = status.runs.reduce((sum, r) => sum + r.bytes_read, 0);
  const present = status.runs.reduce((sum, r) => sum + r.bytes_present, 0);
  const broken = status.runs.filter((r) => r.errors.length > 0);
  return (
    <div class="status">
      {loading && (
        <div class="status__loading" role="status">
          <span>
            Loading event files: {formatBytes(read)} of {formatBytes(present)} read
            {' · '}
            {status.runs.filter((r) => r.loaded).length}/{status.runs.length} runs loaded
          </span>
          <progress max={Math.max(present, 1)} value={read} />
        </div>
      )}
      {broken.length > 0 && (
        <details class="notice notice--warning">
          <summary>
            Corrupt data in {broken.length} run{broken.length === 1 ? '' : 's'}: damaged records were
            skipped, everything else is shown.
          </summary>
          <ul>
            {broken.map((r) => (
              <li key={r.run}>
                <strong>{r.run}</strong>
                <ul>
                  {r.errors.map((error, i) => (
                    <li key={i}>{error}</li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
