// Draws a primitive graph as a layered DAG: dagre lays it out top to bottom, an ECharts graph series
// draws it, scaled down to the panel's width when the layout is wider, so that it never scrolls sideways.
// Engines are colours; STREAM edges are dashed, COMPLETION edges solid, ordering edges dotted.
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
/** The smallest scale a graph is drawn at: below it labels would be unreadable, so the panel scrolls. */
const MIN_SCALE = 0.5;

/** Lays {@code graph} out top to bottom; returns the dagre graph and its size in pixels at scale 1. */
export function layout(graph) {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'TB', nodesep: 14, ranksep: 40, edgesep: 8, marginx: 16, marginy: 10 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of graph.nodes) g.setNode(n.id, { width: WIDTH, height: HEIGHT });
  for (const e of graph.edges) g.setEdge(e.from, e.to);
  dagre.layout(g);
  return { g, width: Math.max(g.graph().width, 200), height: Math.max(g.graph().height, 120) };
}

/**
 * Draws {@code graph} into {@code el}, scaled to fit the width of el's parent (never enlarged); {@code laid}
 * is its {@link layout}, computed anew when not given.
 */
export function drawGraph(el, graph, laid) {
  const { g, width, height } = laid || layout(graph);
  const room = el.parentElement ? el.parentElement.clientWidth : width;
  const scale = Math.max(MIN_SCALE, Math.min(1, room > 0 ? room / width : 1));
  el.style.width = Math.ceil(width * scale) + 'px';
  el.style.height = Math.ceil(height * scale) + 'px';
  el.dataset.scale = scale.toFixed(3);
  const chart = echarts.getInstanceByDom(el) || echarts.init(el);
  chart.resize();
  const data = graph.nodes.map(n => {
    const p = g.node(n.id);
    return {
      name: n.id, x: p.x * scale, y: p.y * scale, engine: n.engine, describe: n.describe,
      symbol: n.engine ? 'roundRect' : 'rect', symbolSize: [WIDTH * scale, HEIGHT * scale],
      itemStyle: { color: engineColour(n.engine) },
      label: { formatter: n.id + '\n{op|' + n.op + (n.engine ? ' · ' + n.engine : '') + '}' },
    };
  });
  // Edges follow dagre's routes around the boxes; node centres map 1:1 onto pixels (see box), so the
  // routes are drawn in pixels, under the nodes.
  const edges = graph.edges.map(e => ({ value: [0], kind: e.kind, source: e.from, target: e.to,
    points: g.edge(e.from, e.to).points.map(p => [p.x * scale, p.y * scale]) }));
  const font = Math.max(8, Math.round(11 * scale));
  chart.setOption({
    animation: false,
    tooltip: { formatter: p => p.seriesIndex === 1 ? p.data.source + ' → ' + p.data.target + ' (' + p.data.kind + ')'
      : '<b>' + p.data.name + '</b><br>' + escapeHtml(p.data.describe) },
    series: [{
      type: 'graph', layout: 'none', roam: false, data, links: [], z: 3, ...box(data),
      label: { show: true, color: '#fff', fontSize: font, lineHeight: font + 2,
        rich: { op: { fontSize: Math.max(7, font - 2), color: '#eef' } } },
    }, {
      type: 'custom', coordinateSystem: 'none', data: edges, z: 1,
      renderItem: (params) => edgeShape(edges[params.dataIndex], scale),
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
function edgeShape(e, scale) {
  const style = EDGE_STYLE[e.kind] || EDGE_STYLE.COMPLETION;
  const pts = e.points;
  const [x2, y2] = pts[pts.length - 1];
  const [x1, y1] = pts[pts.length - 2] || pts[0];
  const a = Math.atan2(y2 - y1, x2 - x1), len = Math.max(5, 8 * scale), spread = 0.45;
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
