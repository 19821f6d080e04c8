// Draws a primitive graph as a layered DAG: dagre lays it out top to bottom, an ECharts graph series
// draws it. Engines are colours; STREAM edges are dashed, COMPLETION edges solid, ordering edges dotted.
/* global echarts, dagre */

const PALETTE = ['#3559e0', '#e07a35', '#2e9e6a', '#b540c4', '#c43c55', '#2aa6b8', '#8a6d1f', '#5b5f97'];
const NO_ENGINE = '#98a2b3';
const colours = new Map();

/** The colour of an engine, stable for the page's life; grey for inputs, outputs and aggregates. */
export function engineColour(engine) {
  if (!engine) return NO_ENGINE;
  if (!colours.has(engine)) colours.set(engine, PALETTE[colours.size % PALETTE.length]);
  return colours.get(engine);
}

/** The engines seen so far, with their colours. */
export function engineColours() {
  return [...colours.entries()];
}

const WIDTH = 150, HEIGHT = 34;

export function drawGraph(el, graph) {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'TB', nodesep: 16, ranksep: 46, marginx: 12, marginy: 12 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of graph.nodes) g.setNode(n.id, { width: WIDTH, height: HEIGHT });
  for (const e of graph.edges) g.setEdge(e.from, e.to);
  dagre.layout(g);
  // Drawn at the layout's own scale (the panel scrolls), so that boxes never overlap whatever the size.
  const width = Math.max(g.graph().width, 200), height = Math.max(g.graph().height, 120);
  el.style.width = width + 'px';
  el.style.height = height + 'px';
  const chart = echarts.getInstanceByDom(el) || echarts.init(el);
  chart.resize();
  const data = graph.nodes.map(n => {
    const p = g.node(n.id);
    return {
      name: n.id, x: p.x, y: p.y, engine: n.engine, describe: n.describe,
      symbol: n.engine ? 'roundRect' : 'rect', symbolSize: [WIDTH, HEIGHT],
      itemStyle: { color: engineColour(n.engine) },
      label: { formatter: n.id + '\n{op|' + n.op + (n.engine ? ' · ' + n.engine : '') + '}' },
    };
  });
  const links = graph.edges.map(e => ({
    source: e.from, target: e.to, kind: e.kind,
    lineStyle: { type: e.kind === 'STREAM' ? 'dashed' : e.kind === 'ORDER' ? 'dotted' : 'solid',
      width: e.kind === 'STREAM' ? 2.2 : 1.3, color: e.kind === 'STREAM' ? '#e07a35' : '#667085', opacity: 0.9 },
  }));
  chart.setOption({
    animation: false,
    tooltip: { formatter: p => p.dataType === 'edge' ? p.data.source + ' → ' + p.data.target + ' (' + p.data.kind + ')'
      : '<b>' + p.data.name + '</b><br>' + escapeHtml(p.data.describe) },
    series: [{
      type: 'graph', layout: 'none', roam: false, data, links, ...box(data),
      edgeSymbol: ['none', 'arrow'], edgeSymbolSize: 7,
      label: { show: true, color: '#fff', fontSize: 11, lineHeight: 13, rich: { op: { fontSize: 9, color: '#eef' } } },
    }],
  }, true);
  el.dataset.nodes = String(data.length);
  chart.resize();
  return chart;
}

/** The series box that maps node centres 1:1 onto the panel's pixels, so that whole boxes show. */
function box(data) {
  const xs = data.map(d => d.x), ys = data.map(d => d.y);
  const minX = Math.min(...xs), minY = Math.min(...ys);
  return { left: minX, top: minY, width: Math.max(1, Math.max(...xs) - minX), height: Math.max(1, Math.max(...ys) - minY) };
}

function escapeHtml(s) {
  return String(s).replace(/[&<>"]/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]));
}
