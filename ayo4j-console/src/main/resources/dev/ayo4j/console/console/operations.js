// The operations view: the server's runs in flight and recent ones (GET /v1/runs), its engines' queues,
// batches and busy fractions (GET /v1/engines), the key figures of the last minutes as line charts kept in
// the page (GET /v1/stats and /v1/engines, sampled every 2 s from page load), and the analytics reports.
/* global echarts */
import { getJson, getText } from './api.js';

const $ = id => document.getElementById(id);
/** How often the page samples the server. */
const EVERY_MS = 2000;
/** Samples kept: the last 10 minutes. */
const KEEP = 300;
/** Throughput is runs ended over this window, so that one sample's timing jitter does not spike it. */
const RATE_WINDOW_MS = 10000;

const history = { latency: { p50: [], p95: [], p99: [] }, throughput: [], busy: new Map(), cpu: [], memory: [] };
/** Runs ended by time of sample, over the last rate window and a little more. */
const ends = [];
let visible = false;

/** Starts sampling the server every 2 s, for as long as the page is open. */
export function startSampling() {
  sample();
  setInterval(sample, EVERY_MS);
}

/** Shows or hides the view; while shown its tables and charts follow every sample. */
export function setVisible(on) {
  visible = on;
  if (on) {
    refreshRuns();
    refreshReports();
    draw();
    for (const el of document.querySelectorAll('#view-operations .chart')) {
      const c = echarts.getInstanceByDom(el);
      if (c) c.resize();
    }
  }
}

function push(series, point) {
  series.push(point);
  if (series.length > KEEP) series.shift();
}

async function sample() {
  let stats, engines;
  try {
    [stats, engines] = await Promise.all([getJson('/v1/stats'), getJson('/v1/engines')]);
  } catch (e) {
    $('engines').dataset.error = e.message;
    return;
  }
  const t = Date.parse(stats.time);
  for (const p of ['p50', 'p95', 'p99']) push(history.latency[p], [t, stats.latency_ms[p]]);
  const ended = stats.runs.succeeded + stats.runs.failed;
  ends.push({ t, ended });
  while (ends.length > 2 && t - ends[1].t >= RATE_WINDOW_MS) ends.shift();
  const seconds = (t - ends[0].t) / 1000;
  if (seconds > 0) push(history.throughput, [t, (ended - ends[0].ended) / seconds]);
  for (const e of engines.data) {
    if (!history.busy.has(e.engine)) history.busy.set(e.engine, []);
    push(history.busy.get(e.engine), [t, e.busy_fraction == null ? null : e.busy_fraction * 100]);
  }
  if (stats.host) {
    const h = stats.host;
    push(history.cpu, [t, h.cpu == null ? null : h.cpu * 100]);
    push(history.memory, [t, h.memory_total_bytes > 0 ? 100 * h.memory_used_bytes / h.memory_total_bytes : null]);
  }
  document.body.dataset.samples = String(history.latency.p50.length);
  if (visible) {
    showEngines(engines.data);
    draw();
    refreshRuns();
  }
}

function showEngines(engines) {
  const body = $('engines').tBodies[0];
  body.replaceChildren();
  for (const e of engines) {
    const tr = document.createElement('tr');
    tr.dataset.engine = e.engine;
    const busy = e.busy_fraction == null ? null : Math.round(e.busy_fraction * 100);
    const name = cell(e.engine, false);
    if (e.model) {
      const serves = document.createElement('span');
      serves.className = 'serves';
      serves.textContent = e.provider + ' · ' + e.model + (e.max_concurrency > 1 ? ' · ' + e.max_concurrency + ' at once' : '');
      name.append(document.createElement('br'), serves);
    }
    tr.append(name);
    [e.queued, e.batches, e.batch_tasks].forEach(c => tr.append(cell(c, true)));
    const td = document.createElement('td');
    const bar = document.createElement('span');
    bar.className = 'busy';
    bar.style.width = (busy || 0) + '%';
    const label = document.createElement('span');
    label.textContent = busy == null ? '…' : busy + ' %';
    td.append(bar, label);
    tr.append(td);
    body.append(tr);
  }
}

function cell(value, numeric) {
  const td = document.createElement('td');
  td.textContent = value == null ? '' : String(value);
  if (numeric) td.className = 'num';
  return td;
}

function line(el, series, yName, yMax) {
  const chart = echarts.getInstanceByDom(el) || echarts.init(el);
  chart.setOption({
    animation: false,
    grid: { left: 44, right: 12, top: 28, bottom: 24 },
    legend: { top: 0, textStyle: { fontSize: 11 }, itemHeight: 8 },
    tooltip: { trigger: 'axis', valueFormatter: v => v == null ? '–' : v.toFixed(1) },
    xAxis: { type: 'time', axisLabel: { fontSize: 10, hideOverlap: true } },
    yAxis: Object.assign({ type: 'value', name: yName, nameTextStyle: { fontSize: 10 }, min: 0,
      axisLabel: { fontSize: 10 } }, yMax ? { max: yMax } : {}),
    series: series.map(s => ({ type: 'line', name: s.name, data: s.data, showSymbol: false, connectNulls: false })),
  }, true);
  el.dataset.points = String(series.reduce((n, s) => n + s.data.length, 0));
}

function draw() {
  line($('chart-latency'), ['p50', 'p95', 'p99'].map(p => ({ name: p, data: history.latency[p] })), 'ms');
  line($('chart-throughput'), [{ name: 'runs/s', data: history.throughput }], 'runs/s');
  line($('chart-busy'), [...history.busy.entries()].map(([name, data]) => ({ name, data })), '%', 100);
  line($('chart-host'), [{ name: 'CPU', data: history.cpu }, { name: 'memory', data: history.memory }], '%', 100);
}

async function refreshRuns() {
  let list;
  try {
    list = (await getJson('/v1/runs?limit=50')).data;
  } catch (e) {
    return;
  }
  const body = $('runs').tBodies[0];
  body.replaceChildren();
  for (const r of list) {
    const tr = document.createElement('tr');
    tr.dataset.run = r.id;
    tr.className = r.status;
    const started = new Date(r.created).toLocaleTimeString([], { hour12: false });
    const done = r.status === 'succeeded';
    const cells = [r.id, r.app, r.optimized ? 'optimized' : 'unoptimized',
      r.status === 'failed' && r.error ? 'failed: ' + r.error.code : r.status, started,
      r.end_to_end_ms.toFixed(1), done ? r.critical_path_ms.toFixed(1) : '', done ? r.lower_bound_ms.toFixed(1) : '',
      done && r.critical_path_ratio > 0 ? r.critical_path_ratio.toFixed(2) : ''];
    cells.forEach((c, i) => tr.append(cell(c, i >= 5)));
    body.append(tr);
  }
}

async function refreshReports() {
  const ul = $('reports');
  let list;
  try {
    list = await getJson('/v1/reports');
  } catch (e) {
    ul.replaceChildren(Object.assign(document.createElement('li'), { textContent: 'Could not list: ' + e.message }));
    return;
  }
  ul.replaceChildren();
  if (!list.data.length) {
    const li = document.createElement('li');
    li.className = 'hint';
    li.textContent = list.directory == null
      ? 'No reports folder: start the server with --reports DIR, then write reports there with ayo4j analyze runs DIR.'
      : 'No reports in ' + list.directory + ' yet: ayo4j analyze runs ' + list.directory + ' writes one.';
    ul.append(li);
    return;
  }
  for (const r of list.data) {
    const li = document.createElement('li');
    const a = document.createElement('a');
    a.href = '#';
    a.textContent = r.name;
    a.dataset.report = r.name;
    // The report needs the API key, which a plain link cannot send: fetch it, then open it from memory.
    a.addEventListener('click', async event => {
      event.preventDefault();
      const html = await getText('/v1/reports/' + encodeURIComponent(r.name));
      if (html == null) return;
      window.open(URL.createObjectURL(new Blob([html], { type: 'text/html' })), '_blank');
    });
    const when = document.createElement('span');
    when.className = 'hint';
    when.textContent = ' ' + new Date(r.modified).toLocaleString([], { hour12: false }) + ', ' + Math.ceil(r.bytes / 1024) + ' KiB';
    li.append(a, when);
    ul.append(li);
  }
}

/** Shows the Prometheus text under the view (fetched with the key, which a plain link could not send). */
export async function showMetrics() {
  try {
    const text = await getText('/metrics');
    $('metrics').textContent = text == null ? 'This server publishes no metrics.' : text;
  } catch (e) {
    $('metrics').textContent = 'Could not read the metrics: ' + e.message;
  }
  $('metrics').hidden = false;
}
