// The hover tooltip of a scalar chart: one row per run (in the order the caller sorted them), with the run's colour,
// smoothed and raw value, step, wall time and relative time, plus a dot on each line; optionally a
// caption above the table (a chart of many runs lists only the nearest).
// Built with textContent only (run names are user data). Owned by one ScalarChart.
import type uPlot from 'uplot';
import { formatValue } from '../../charts/format';

export interface TooltipRow {
  run: string;
  color: string;
  smoothed: number;
  value: number;
  step: number;
  wallTime: string;
  relative: string;
  dotLeft: number;
  dotTop: number | null;
  outside: boolean;
  /** Shown in a last column when some row has one (a band's bounds, a group's spread). */
  note?: string;
}

export class ChartTooltip {
  private readonly box: HTMLDivElement;
  private dots: HTMLDivElement[] = [];
  private dotLayer: HTMLElement | null = null;

  constructor() {
    this.box = document.createElement('div');
    this.box.className = 'chart-tooltip';
    this.box.hidden = true;
    document.body.appendChild(this.box);
  }

  show(u: uPlot, rows: TooltipRow[], smoothingOn: boolean, caption?: string): void {
    const table = document.createElement('table');
    if (caption) table.createCaption().textContent = caption;
    const head = table.createTHead().insertRow();
    const notes = rows.some((row) => row.note !== undefined);
    for (const name of ['', 'Run', ...(smoothingOn ? ['Smoothed'] : []), 'Value', 'Step', 'Time', 'Relative', ...(notes ? ['Band'] : [])]) {
      const th = document.createElement('th');
      th.textContent = name;
      head.appendChild(th);
    }
    const body = table.createTBody();
    for (const row of rows) {
      const tr = body.insertRow();
      if (row.outside) tr.className = 'distant';
      const swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.style.background = row.color;
      tr.insertCell().appendChild(swatch);
      tr.insertCell().textContent = row.run;
      if (smoothingOn) tr.insertCell().textContent = formatValue(row.smoothed);
      tr.insertCell().textContent = formatValue(row.value);
      tr.insertCell().textContent = String(row.step);
      tr.insertCell().textContent = row.wallTime;
      tr.insertCell().textContent = row.relative;
      if (notes) tr.insertCell().textContent = row.note ?? '';
    }
    this.box.replaceChildren(table);
    this.box.hidden = false;

    const over = u.over.getBoundingClientRect();
    const cursorLeft = over.left + (u.cursor.left ?? 0);
    const boxWidth = this.box.offsetWidth;
    const left = cursorLeft + 16 + boxWidth > window.innerWidth ? cursorLeft - 16 - boxWidth : cursorLeft + 16;
    this.box.style.left = `${Math.max(4, left)}px`;
    this.box.style.top = `${Math.min(over.bottom + 8, window.innerHeight - this.box.offsetHeight - 4)}px`;
    this.drawDots(u, rows);
  }

  hide(): void {
    this.box.hidden = true;
    for (const dot of this.dots) dot.hidden = true;
  }

  destroy(): void {
    this.box.remove();
    for (const dot of this.dots) dot.remove();
    this.dots = [];
  }

  private drawDots(u: uPlot, rows: TooltipRow[]): void {
    if (this.dotLayer !== u.over) {
      for (const dot of this.dots) dot.remove();
      this.dots = [];
      this.dotLayer = u.over;
    }
    while (this.dots.length < rows.length) {
      const dot = document.createElement('div');
      dot.className = 'chart-dot';
      u.over.appendChild(dot);
      this.dots.push(dot);
    }
    this.dots.forEach((dot, i) => {
      const row = rows[i];
      if (!row || row.dotTop === null || row.outside) {
        dot.hidden = true;
        return;
      }
      dot.hidden = false;
      dot.style.background = row.color;
      dot.style.transform = `translate(${row.dotLeft - 4}px, ${row.dotTop - 4}px)`;
    });
  }
}
