// The Gantt chart of a run: one row per primitive, a bar from when it started to when it finished
// (growing while it runs), coloured by engine; drawn with an ECharts custom series.
/* global echarts */
import { engineColour } from './graph.js';

/** Primitives that run on no engine: drawn grey, as in the graph. */
const STRUCTURAL = new Set(['Input', 'Output', 'Aggregate']);

export class Gantt {
  constructor(el) {
    this.el = el;
    this.chart = echarts.getInstanceByDom(el) || echarts.init(el);
    this.reset();
  }

  reset() {
    delete this.el.dataset.sawRunning;
    this.max = null;
    this.interval = null;
    this.rows = new Map(); // node -> {node, primitive, engine, start, end, done}
    this.t0 = performance.now();
    this.render();
  }

  now() {
    return performance.now() - this.t0;
  }

  started(e) {
    this.rows.set(e.node, { node: e.node, primitive: e.primitive, engine: e.engine, start: this.now(), end: null });
    this.render();
  }

  finished(e) {
    const r = this.rows.get(e.node);
    const end = this.now();
    // A primitive may finish without a started event reaching us first: its bar spans its service time.
    const start = r ? r.start : Math.max(0, end - e.service_ms);
    this.rows.set(e.node, { node: e.node, primitive: e.primitive, engine: e.engine, start, end, outcome: e.outcome });
    this.render();
  }

  /** Replaces the live times with the server's trace: exact enqueue, start and end of each primitive. */
  trace(t) {
    this.rows = new Map();
    for (const e of t.events) {
      this.rows.set(e.node, { node: e.node, primitive: e.primitive, engine: e.engine, start: e.start_ms,
        end: e.end_ms, enqueue: e.enqueue_ms, batch: e.batch_size, outcome: e.outcome });
    }
    this.exact = true;
    this.render();
  }

  /** Draws the time axis up to {@code ms} at least, so that two runs' charts share one scale. */
  scaleTo(ms) {
    // A round tick interval (1, 2 or 5 times a power of ten) for about six ticks, and the axis to a whole tick.
    const raw = Math.max(ms, 1) / 6, power = Math.pow(10, Math.floor(Math.log10(raw)));
    this.interval = [1, 2, 5, 10].map(m => m * power).find(step => step >= raw);
    this.max = Math.ceil(ms / this.interval) * this.interval;
    this.render();
  }

  /** When the last primitive ended (or now, while one runs). */
  end() {
    let end = 0;
    for (const r of this.rows.values()) end = Math.max(end, r.end == null ? this.now() : r.end);
    return end;
  }

  render() {
    const rows = [...this.rows.values()].sort((a, b) => a.start - b.start);
    const now = this.now();
    const height = Math.max(200, rows.length * 22 + 50) + 'px';
    if (this.el.style.height !== height) {
      this.el.style.height = height;
      this.chart.resize();
    }
    const data = rows.map((r, i) => ({
      name: r.node,
      value: [i, r.start, r.end == null ? now : r.end, r.end == null ? 1 : 0],
      itemStyle: { color: engineColour(STRUCTURAL.has(r.primitive) ? null : r.engine), opacity: r.end == null ? 0.55 : 1 },
      row: r,
    }));
    this.chart.setOption({
      animation: false,
      grid: { left: 170, right: 24, top: 10, bottom: 42 },
      tooltip: { formatter: p => {
        const r = p.data.row;
        return '<b>' + r.node + '</b> ' + r.primitive + ' on ' + r.engine + '<br>'
          + r.start.toFixed(1) + ' → ' + (r.end == null ? 'running' : r.end.toFixed(1) + ' ms ('
          + (r.end - r.start).toFixed(1) + ' ms)') + (r.batch ? '<br>batch of ' + r.batch : '');
      } },
      xAxis: Object.assign({ type: 'value', name: 'ms since the run started', min: 0, nameLocation: 'middle',
        nameGap: 24, nameTextStyle: { color: '#667085' } }, this.max == null ? {} : { max: this.max, interval: this.interval }),
      yAxis: { type: 'category', inverse: true, data: rows.map(r => r.node), axisLabel: { fontSize: 11 } },
      series: [{
        type: 'custom', encode: { x: [1, 2], y: 0 }, data,
        renderItem: (params, api) => {
          const y = api.value(0);
          const a = api.coord([api.value(1), y]);
          const b = api.coord([api.value(2), y]);
          const h = api.size([0, 1])[1] * 0.6;
          return { type: 'rect', shape: { x: a[0], y: a[1] - h / 2, width: Math.max(2, b[0] - a[0]), height: h },
            style: api.style() };
        },
      }],
    }, true);
    this.el.dataset.bars = String(data.length);
    const running = rows.filter(r => r.end == null).length;
    this.el.dataset.running = String(running);
    if (running > 0) this.el.dataset.sawRunning = 'true';
  }
}
