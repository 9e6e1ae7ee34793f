// Events per day by type: stacked bars drawn with uPlot (each type's bar is drawn from the
// running total, the tallest first, so the visible slices add up).
/* global uPlot */
import { binOf, binRange, unitFor } from "./bins.js";
import { el } from "./dom.js";
import { colourOf, EVENT_TYPES } from "./types.js";

const DAY = 86400;

// x (bin starts, seconds), raw counts per type, running totals per type (in EVENT_TYPES order).
export function stack(rows, unit = "day") {
  const x = binRange(rows, unit);
  const index = new Map(x.map((t, i) => [t, i]));
  const types = EVENT_TYPES.map(([name]) => name);
  for (const row of rows) if (!types.includes(row.event_type)) types.push(row.event_type);
  const raw = types.map(() => new Array(x.length).fill(0));
  for (const row of rows) {
    const i = index.get(binOf(row, unit));
    if (i !== undefined) raw[types.indexOf(row.event_type)][i] += row.count;
  }
  const totals = [];
  raw.forEach((counts, k) => totals.push(counts.map((n, i) => n + (k ? totals[k - 1][i] : 0))));
  return { x, types, raw, totals };
}

const isoDay = (t) => new Date(t * 1000).toISOString().slice(0, 10);

export class Timeline {
  // onRange(start, end) is called with the days (YYYY-MM-DD) of a range dragged on the chart.
  constructor(container, onRange) {
    this.container = container;
    this.onRange = onRange;
    this.plot = null;
    new ResizeObserver(() => this.plot && this.plot.setSize(this.size())).observe(container);
  }

  size() {
    return { width: Math.max(this.container.clientWidth, 300), height: 190 };
  }

  show(rows) {
    if (this.plot) this.plot.destroy();
    this.plot = null;
    this.container.replaceChildren();
    const dated = rows.filter((row) => row.date);
    if (!dated.length) {
      this.container.append(el("p", { class: "muted" }, "No dated events match the filters."));
      return;
    }
    const unit = unitFor(dated);
    this.container.dataset.unit = unit;
    const { x, types, raw, totals } = stack(dated, unit);
    const order = types.map((_, k) => k).filter((k) => raw[k].some(Boolean)).reverse();
    const bars = uPlot.paths.bars({ size: [0.8, 28], gap: 1 });
    const series = [{ value: (u, t) => (t == null ? "" : isoDay(t)) }];
    for (const k of order) {
      series.push({
        label: types[k],
        stroke: colourOf(types[k]),
        fill: colourOf(types[k]),
        width: 0,
        paths: bars,
        points: { show: false },
        value: (u, v, s, i) => (i == null ? raw[k].reduce((a, b) => a + b, 0) : raw[k][i]),
      });
    }
    const options = {
      ...this.size(),
      series,
      scales: { x: { time: true }, y: { range: (u, min, max) => [0, Math.max(1, max)] } },
      axes: [{ stroke: "#56606b", grid: { show: false } }, { stroke: "#56606b", incrs: [1, 2, 5, 10, 20, 50, 100] }],
      legend: { show: true, live: true },
      cursor: { points: { show: false }, drag: { x: true, y: false, setScale: false } },
      hooks: { setSelect: [(u) => this.selected(u)] },
    };
    this.plot = new uPlot(options, [x, ...order.map((k) => totals[k])], this.container);
  }

  selected(u) {
    if (u.select.width < 2) return;
    const from = u.posToVal(u.select.left, "x");
    const to = u.posToVal(u.select.left + u.select.width, "x");
    u.setSelect({ left: 0, width: 0, top: 0, height: 0 }, false);
    this.onRange(isoDay(Math.ceil(from / DAY) * DAY), isoDay(Math.floor(to / DAY) * DAY));
  }
}
