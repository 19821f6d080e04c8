// The ayo4j web console: Apps (graphs before and after the passes, with the explain text), Playground
// (a question run live over server-sent events, optionally beside the same question unoptimized, with the
// speedup) and Operations (see operations.js).
import { getJson, streamRun } from './api.js';
import { parseExplain } from './explain.js';
import { drawGraph, engineColours, layout } from './graph.js';
import { Gantt } from './gantt.js';
import { setVisible, showMetrics, startSampling } from './operations.js';

const $ = id => document.getElementById(id);
let stages = [];

function show(view) {
  for (const t of document.querySelectorAll('.tab')) t.classList.toggle('active', t.dataset.view === view);
  for (const v of document.querySelectorAll('.view')) v.hidden = v.id !== 'view-' + view;
  setVisible(view === 'operations');
  if (view === 'apps') drawGraphs();
  // Charts drawn while hidden have no size; give them one now.
  for (const el of document.querySelectorAll('#view-' + view + ' .gantt')) {
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
  drawGraphs();
}

/**
 * Draws the graph before the passes and after the chosen one. Each panel gets a share of the row in
 * proportion to its layout's width, then each graph is scaled to its panel, so neither scrolls sideways.
 */
function drawGraphs() {
  const before = stages[0];
  const after = stages[Number($('pass-select').value)] || stages[0];
  if (!before || $('view-apps').hidden) return;
  const laidBefore = layout(before), laidAfter = layout(after);
  $('figure-before').style.flex = laidBefore.width + ' 1 0';
  $('figure-after').style.flex = laidAfter.width + ' 1 0';
  drawGraph($('graph-before'), before, laidBefore);
  drawGraph($('graph-after'), after, laidAfter);
  $('before-count').textContent = '(' + before.nodes.length + ' primitives)';
  $('after-count').textContent = '(' + after.nodes.length + ' primitives)';
  legend();
}

function legend() {
  const parts = engineColours().map(([engine, colour]) => '<span><i style="background:' + colour + '"></i>' + engine + '</span>');
  parts.push('<span><i style="background:#98a2b3"></i>input / output / aggregate</span>');
  parts.push('<span><span class="edge"></span>completion</span>');
  parts.push('<span><span class="edge stream" style="border-color:#e07a35"></span>stream</span>');
  $('legend').innerHTML = parts.join('');
}

let gantt, plainGantt;

/**
 * Runs the question optimized and, when asked, after an unmeasured warm-up run and then unoptimized: one
 * after the other, never at once, so that no run's primitives queue behind another's on the same engines
 * (the order is explained on the page, #order-hint).
 */
async function run(event) {
  event.preventDefault();
  const app = $('run-app').value;
  const question = $('question').value.trim();
  if (!question) return;
  const compare = $('compare').checked;
  document.body.dataset.runState = 'running';
  $('run-button').disabled = true;
  $('answer').textContent = '';
  $('sources').replaceChildren();
  $('speedup').hidden = true;
  delete $('speedup').dataset.speedup;
  $('plain-wrap').hidden = !compare;
  $('plain-status').textContent = '';
  gantt = gantt || new Gantt($('gantt'));
  gantt.reset();
  if (compare) {
    plainGantt = plainGantt || new Gantt($('gantt-plain'));
    plainGantt.reset();
  }
  try {
    if (compare) {
      // The demo's warm-up: one unmeasured run, so that the first measured one does not pay for cold engines.
      $('run-status').textContent = 'warming the engines up: one unmeasured run first…';
      await streamRun(app, question, true, () => { });
    }
    const optimized = await runOne(app, question, true, gantt, $('run-status'), true);
    if (compare && optimized) {
      const plain = await runOne(app, question, false, plainGantt, $('plain-status'), false);
      if (plain) showSpeedup(optimized, plain);
    }
  } finally {
    $('run-button').disabled = false;
    document.body.dataset.runState = 'idle';
  }
}

/** One streamed run drawn into {@code chart}; resolves with its timings, or null if it failed. */
async function runOne(app, question, optimize, chart, status, showAnswer) {
  status.classList.remove('error');
  status.textContent = 'running…';
  const tick = setInterval(() => chart.render(), 100);
  let id = null, timings = null;
  try {
    await streamRun(app, question, optimize, (name, data) => {
      switch (name) {
        case 'run': id = data.id; status.textContent = id + ' running…'; break;
        case 'primitive': data.type === 'started' ? chart.started(data) : chart.finished(data); break;
        case 'token': if (showAnswer) $('answer').textContent += data.text; break;
        case 'sources': if (showAnswer) showSources(data); break;
        case 'done': {
          if (showAnswer) $('answer').textContent = data.answer;
          timings = data.timings;
          status.textContent = id + ' done: ' + timings.end_to_end_ms.toFixed(1) + ' ms end to end, critical path '
            + timings.critical_path_ms.toFixed(1) + ' ms, lower bound ' + timings.lower_bound_ms.toFixed(1) + ' ms';
          break;
        }
        case 'error': status.textContent = 'Failed: ' + data.error.message; status.classList.add('error'); break;
      }
    });
    if (id && timings) {
      try {
        chart.trace(await getJson('/v1/runs/' + encodeURIComponent(id) + '/trace'));
      } catch (_) { /* the run store forgot it already; the live bars stay */ }
    }
  } catch (e) {
    status.textContent = 'Failed: ' + e.message;
    status.classList.add('error');
  } finally {
    clearInterval(tick);
    chart.render();
    chart.el.dataset.runId = id || '';
  }
  return timings ? { id, timings } : null;
}

/** The speedup of end-to-end time, with both charts on one time scale so their bars compare. */
function showSpeedup(optimized, plain) {
  const a = optimized.timings.end_to_end_ms, b = plain.timings.end_to_end_ms;
  const max = Math.max(gantt.end(), plainGantt.end());
  gantt.scaleTo(max);
  plainGantt.scaleTo(max);
  const speedup = b / a;
  const el = $('speedup');
  el.dataset.speedup = speedup.toFixed(3);
  el.replaceChildren();
  const big = document.createElement('strong');
  big.textContent = speedup.toFixed(2) + '×';
  const text = document.createElement('span');
  text.textContent = (speedup >= 1 ? ' faster optimized: ' : ' slower optimized: ') + a.toFixed(1) + ' ms ('
    + optimized.id + ') against ' + b.toFixed(1) + ' ms unoptimized (' + plain.id + '), end to end; critical path '
    + optimized.timings.critical_path_ms.toFixed(1) + ' against ' + plain.timings.critical_path_ms.toFixed(1) + ' ms';
  el.append(big, text);
  el.hidden = false;
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

// Each view has its address (#apps, #playground, #operations), so a view can be bookmarked and linked to.
const views = [...document.querySelectorAll('.tab')].map(t => t.dataset.view);
for (const t of document.querySelectorAll('.tab')) t.addEventListener('click', () => {
  history.replaceState(null, '', '#' + t.dataset.view);
  show(t.dataset.view);
});
window.addEventListener('hashchange', () => {
  const view = location.hash.slice(1);
  if (views.includes(view)) show(view);
});
$('pass-select').addEventListener('change', drawGraphs);
$('ask').addEventListener('submit', run);
$('metrics-link').addEventListener('click', event => {
  event.preventDefault();
  showMetrics();
});
let resizing = null;
window.addEventListener('resize', () => {
  clearTimeout(resizing);
  resizing = setTimeout(() => {
    drawGraphs();
    document.querySelectorAll('.gantt, .chart').forEach(el => {
      const c = echarts.getInstanceByDom(el);
      if (c) c.resize();
    });
  }, 150);
});

(async () => {
  let s = await ready();
  while (s === 'loading') {
    await new Promise(r => setTimeout(r, 1000));
    s = await ready();
  }
  try {
    await loadApps();
    const view = location.hash.slice(1);
    if (views.includes(view)) show(view);
    document.body.dataset.loaded = 'true';
    startSampling();
  } catch (e) {
    $('app-title').textContent = 'Could not load the apps: ' + e.message;
  }
})();
