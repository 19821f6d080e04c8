// The ayo4j web console: Apps (graphs before and after the passes, with the explain text), Playground
// (a question run live over server-sent events) and Operations (this console's recent runs).
import { getJson, getText, streamRun } from './api.js';
import { parseExplain } from './explain.js';
import { drawGraph, engineColours } from './graph.js';
import { Gantt } from './gantt.js';

const $ = id => document.getElementById(id);
const RUNS = 'ayo4j.runs';
let stages = [];

function show(view) {
  $('metrics-link').addEventListener('click', async event => {
  event.preventDefault();
  try {
    const text = await getText('/metrics');
    $('metrics').textContent = text == null ? 'This server publishes no metrics.' : text;
  } catch (e) {
    $('metrics').textContent = 'Could not read the metrics: ' + e.message;
  }
  $('metrics').hidden = false;
});
for (const t of document.querySelectorAll('.tab')) t.classList.toggle('active', t.dataset.view === view);
  for (const v of document.querySelectorAll('.view')) v.hidden = v.id !== 'view-' + view;
  if (view === 'operations') refreshRuns();
  // Charts drawn while hidden have no size; give them one now.
  for (const el of document.querySelectorAll('#view-' + view + ' .graph, #view-' + view + ' .gantt')) {
    const c = echarts.getInstanceByDom(el);
    if (c) c.resize();
  }
}

async function ready() {
  try {
    const r = await fetch('/ready');
    const s = (await r.json()).status;
    $('ready').textContent = s;
    $('ready').className = 'badge ' + s;
    return s;
  } catch (e) {
    $('ready').textContent = 'unreachable';
    return 'unreachable';
  }
}

async function loadApps() {
  const apps = (await getJson('/v1/apps')).data;
  const list = $('app-list');
  list.replaceChildren();
  $('run-app').replaceChildren();
  for (const a of apps) {
    const li = document.createElement('li');
    li.textContent = a.id;
    li.dataset.app = a.id;
    li.addEventListener('click', () => selectApp(a.id));
    list.append(li);
    $('run-app').append(new Option(a.id, a.id));
  }
  if (apps.length) await selectApp(apps[0].id);
}

async function selectApp(app) {
  for (const li of $('app-list').children) li.classList.toggle('active', li.dataset.app === app);
  $('app-title').textContent = app;
  $('run-app').value = app;
  const text = (await getJson('/v1/apps/' + encodeURIComponent(app) + '/explain')).explain;
  $('explain').textContent = text;
  stages = parseExplain(text);
  const select = $('pass-select');
  select.replaceChildren();
  stages.slice(1).forEach((s, i) => select.append(new Option(s.title.replace(/^after /, ''), String(i + 1))));
  select.value = String(stages.length - 1);
  drawStage($('graph-before'), $('before-count'), stages[0]);
  drawAfter();
}

function drawAfter() {
  const s = stages[Number($('pass-select').value)] || stages[0];
  drawStage($('graph-after'), $('after-count'), s);
  legend();
}

function drawStage(el, count, stage) {
  if (!stage) return;
  drawGraph(el, stage);
  count.textContent = '(' + stage.nodes.length + ' primitives)';
}

function legend() {
  const parts = engineColours().map(([engine, colour]) => '<span><i style="background:' + colour + '"></i>' + engine + '</span>');
  parts.push('<span><i style="background:#98a2b3"></i>input / output / aggregate</span>');
  parts.push('<span><span class="edge"></span>completion</span>');
  parts.push('<span><span class="edge stream" style="border-color:#e07a35"></span>stream</span>');
  $('legend').innerHTML = parts.join('');
}

let gantt;

async function run(event) {
  event.preventDefault();
  const app = $('run-app').value;
  const question = $('question').value.trim();
  if (!question) return;
  $('run-button').disabled = true;
  $('answer').textContent = '';
  $('sources').replaceChildren();
  $('run-status').textContent = 'Running…';
  gantt = gantt || new Gantt($('gantt'));
  gantt.reset();
  const tick = setInterval(() => gantt.render(), 100);
  let id = null;
  try {
    await streamRun(app, question, (name, data) => {
      switch (name) {
        case 'run': id = data.id; remember(id, app); $('run-status').textContent = 'Running ' + id + '…'; break;
        case 'primitive': data.type === 'started' ? gantt.started(data) : gantt.finished(data); break;
        case 'token': $('answer').textContent += data.text; break;
        case 'sources': showSources(data); break;
        case 'done': {
          $('answer').textContent = data.answer;
          const t = data.timings;
          $('run-status').textContent = id + ' done: ' + t.end_to_end_ms.toFixed(1) + ' ms end to end, critical path '
            + t.critical_path_ms.toFixed(1) + ' ms, lower bound ' + t.lower_bound_ms.toFixed(1) + ' ms';
          break;
        }
        case 'error': $('run-status').textContent = 'Failed: ' + data.error.message; $('run-status').classList.add('error'); break;
      }
    });
    if (id) {
      try {
        gantt.trace(await getJson('/v1/runs/' + encodeURIComponent(id) + '/trace'));
      } catch (_) { /* a failed run has no trace; the live bars stay */ }
    }
  } catch (e) {
    $('run-status').textContent = 'Failed: ' + e.message;
  } finally {
    clearInterval(tick);
    gantt.render();
    $('run-button').disabled = false;
    $('gantt').dataset.runId = id || '';
    document.body.dataset.runState = 'idle';
  }
}

function showSources(sources) {
  const ol = $('sources');
  ol.replaceChildren();
  for (const s of sources) {
    const li = document.createElement('li');
    const doc = document.createElement('span');
    doc.className = 'doc';
    doc.textContent = s.document;
    const score = document.createElement('span');
    score.className = 'score';
    score.textContent = ' ' + s.score.toFixed(3);
    const text = document.createElement('div');
    text.textContent = s.text;
    li.append(doc, score, text);
    ol.append(li);
  }
}

function remember(id, app) {
  const runs = JSON.parse(sessionStorage.getItem(RUNS) || '[]');
  runs.unshift({ id, app });
  sessionStorage.setItem(RUNS, JSON.stringify(runs.slice(0, 50)));
}

async function refreshRuns() {
  const body = $('runs').tBodies[0];
  const runs = JSON.parse(sessionStorage.getItem(RUNS) || '[]');
  const rows = await Promise.all(runs.map(async r => {
    try {
      return await getJson('/v1/runs/' + encodeURIComponent(r.id));
    } catch (e) {
      return { id: r.id, app: r.app, status: 'forgotten' };
    }
  }));
  body.replaceChildren();
  for (const r of rows) {
    const t = r.timings;
    const tr = document.createElement('tr');
    const cells = [r.id, r.app, r.status, t && t.end_to_end_ms.toFixed(1), t && t.critical_path_ms.toFixed(1),
      t && t.lower_bound_ms.toFixed(1), t && t.critical_path_ms > 0 ? (t.end_to_end_ms / t.critical_path_ms).toFixed(2) : ''];
    cells.forEach((c, i) => {
      const td = document.createElement('td');
      td.textContent = c == null ? '' : c;
      if (i >= 3) td.className = 'num';
      tr.append(td);
    });
    body.append(tr);
  }
}

for (const t of document.querySelectorAll('.tab')) t.addEventListener('click', () => show(t.dataset.view));
$('pass-select').addEventListener('change', drawAfter);
$('ask').addEventListener('submit', run);
window.addEventListener('resize', () => document.querySelectorAll('.graph, .gantt').forEach(el => {
  const c = echarts.getInstanceByDom(el);
  if (c) c.resize();
}));

(async () => {
  let s = await ready();
  while (s === 'loading') {
    await new Promise(r => setTimeout(r, 1000));
    s = await ready();
  }
  try {
    await loadApps();
    document.body.dataset.loaded = 'true';
  } catch (e) {
    $('app-title').textContent = 'Could not load the apps: ' + e.message;
  }
})();
