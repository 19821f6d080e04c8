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
  // Edges follow dagre's routes around the boxes; node centres map 1:1 onto pixels (see box), so the
  // routes are drawn in pixels, under the nodes.
  const edges = graph.edges.map(e => ({ value: [0], kind: e.kind, source: e.from, target: e.to,
    points: g.edge(e.from, e.to).points.map(p => [p.x, p.y]) }));
  chart.setOption({
    animation: false,
    tooltip: { formatter: p => p.seriesIndex === 1 ? p.data.source + ' → ' + p.data.target + ' (' + p.data.kind + ')'
      : '<b>' + p.data.name + '</b><br>' + escapeHtml(p.data.describe) },
    series: [{
      type: 'graph', layout: 'none', roam: false, data, links: [], z: 3, ...box(data),
      label: { show: true, color: '#fff', fontSize: 11, lineHeight: 13, rich: { op: { fontSize: 9, color: '#eef' } } },
    }, {
      type: 'custom', coordinateSystem: 'none', data: edges, z: 1,
      renderItem: (params) => edgeShape(edges[params.dataIndex]),
    }],
  }, true);
  el.dataset.nodes = String(data.length);
  chart.resize();
  return chart;
}

const EDGE_STYLE = {
  STREAM: { stroke: '#e07a35', lineWidth: 2.2, lineDash: [6, 4] },
  COMPLETION: { stroke: '#667085', lineWidth: 1.3 },
  ORDER: { stroke: '#98a2b3', lineWidth: 1.2, lineDash: [2, 3] },
};

/** An edge's route with an arrow head at its target. */
function edgeShape(e) {
  const style = EDGE_STYLE[e.kind] || EDGE_STYLE.COMPLETION;
  const pts = e.points;
  const [x2, y2] = pts[pts.length - 1];
  const [x1, y1] = pts[pts.length - 2] || pts[0];
  const a = Math.atan2(y2 - y1, x2 - x1), len = 8, spread = 0.45;
  const head = [[x2, y2], [x2 - len * Math.cos(a - spread), y2 - len * Math.sin(a - spread)],
    [x2 - len * Math.cos(a + spread), y2 - len * Math.sin(a + spread)]];
  return { type: 'group', children: [
    { type: 'polyline', shape: { points: pts, smooth: 0.3 }, style: Object.assign({ fill: null }, style) },
    { type: 'polygon', shape: { points: head }, style: { fill: style.stroke } },
  ] };
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
