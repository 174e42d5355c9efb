// The download menu of a scalar card: every run of the tag as CSV or JSON at once, or one run.
//
// The per-run rows (one link pair per run, each with its own URL) are rendered only while the
// menu is open: a dashboard has a menu per card and may have hundreds of runs, and building those
// rows on every card re-render (e.g. each smoothing-slider step) cost more than drawing the charts.
// In a static export (tbx export) only the all-runs downloads, made in the page, are offered.
import { useState } from 'preact/hooks';
import { scalarsDownloadUrl } from '../../api/client';
import { isExported } from '../../api/export_mode';
import type { AppServices } from '../../app/services';
import { Icon } from '../../charts/icons';
import { fileStem } from './csv_export';

interface DownloadMenuProps {
  app: AppServices;
  tag: string;
  runs: string[];
  onDownloadAll: (format: 'csv' | 'json') => void;
}

export function DownloadMenu({ app, tag, runs, onDownloadAll }: DownloadMenuProps) {
  const [open, setOpen] = useState(false);
  return (
    <details class="menu" onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
      <summary class="icon-button" title="Download data" aria-label="Download data">
        <Icon name="download" />
      </summary>
      {open && (
        <div class="menu__items">
          <button type="button" class="menu__item" onClick={() => onDownloadAll('csv')}>
            All runs as CSV
          </button>
          <button type="button" class="menu__item" onClick={() => onDownloadAll('json')}>
            All runs as JSON
          </button>
          {/* A static export has no per-run download route; "All runs" is built in the page. */}
          {!isExported() && runs.map((run) => (
            <div class="menu__run" key={run}>
              <span class="swatch" style={{ background: app.colors.color(run) }} aria-hidden="true" />
              <span class="menu__run-name">{run}</span>
              <a class="menu__link" href={scalarsDownloadUrl(run, tag, 'csv')} download={`${fileStem(run)}-${fileStem(tag)}.csv`}>
                CSV
              </a>
              <a class="menu__link" href={scalarsDownloadUrl(run, tag, 'json')} download={`${fileStem(run)}-${fileStem(tag)}.json`}>
                JSON
              </a>
            </div>
          ))}
        </div>
      )}
    </details>
  );
}
