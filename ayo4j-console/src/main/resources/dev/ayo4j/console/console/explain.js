// Reads the server's explain text (the app's graph before and after each pass, in the stable format of
// dev.ayo4j.graph.Explain) into stages of nodes and edges.
//
//   == after stage-decompose (1 rewrites, 14 nodes)
//   naive-rag
//     search.embed: Embed(engine=embedder, items=1)  <- texts=question.value
//       generate.decode: Decode(engine=llm, out=text)  <- generation~generate.prefill.generation, after x

/** @returns {{title: string, nodes: {id, op, engine, label}[], edges: {from, to, kind}[]}[]} */
export function parseExplain(text) {
  const stages = [];
  let stage = null;
  for (const raw of text.split('\n')) {
    if (raw.startsWith('== ')) {
      stage = { title: raw.slice(3).trim(), lines: [] };
      stages.push(stage);
    } else if (stage && raw.startsWith('  ') && raw.trim()) {
      stage.lines.push(raw.trim());
    }
  }
  if (!stages.length && text.trim()) {
    stages.push({ title: 'graph', lines: text.split('\n').slice(1).filter(l => l.startsWith('  ')).map(l => l.trim()) });
  }
  // A pass that changed nothing prints "(unchanged)" instead of the graph: it is the previous stage's.
  const graphs = [];
  for (const s of stages) {
    const prev = graphs[graphs.length - 1];
    graphs.push(prev && s.lines.length === 1 && s.lines[0] === '(unchanged)'
      ? { title: s.title, nodes: prev.nodes, edges: prev.edges, unchanged: true }
      : graphOf(s.title, s.lines));
  }
  return graphs;
}

function graphOf(title, lines) {
  const nodes = [];
  const bindings = [];
  for (const line of lines) {
    const colon = line.indexOf(': ');
    if (colon < 0) continue;
    const id = line.slice(0, colon);
    let rest = line.slice(colon + 2);
    let inputs = '';
    const arrow = rest.indexOf('  <- ');
    if (arrow >= 0) {
      inputs = rest.slice(arrow + 5);
      rest = rest.slice(0, arrow);
    }
    const op = rest.replace(/\(.*$/, '');
    const engine = (rest.match(/engine=([^,)]+)/) || [])[1] || null;
    nodes.push({ id, op, engine, describe: rest });
    bindings.push({ id, inputs });
  }
  const ids = nodes.map(n => n.id).sort((a, b) => b.length - a.length);
  const nodeOf = ref => ids.find(id => ref === id || ref.startsWith(id + '.') || ref.startsWith(id + '['));
  const edges = [];
  const seen = new Set();
  for (const b of bindings) {
    if (!b.inputs) continue;
    for (const part of b.inputs.split(', ')) {
      let kind, ref;
      if (part.startsWith('after ')) {
        kind = 'ORDER';
        ref = part.slice(6);
      } else {
        const m = part.match(/^[^=~]+([=~])(.*)$/);
        if (!m) continue;
        kind = m[1] === '~' ? 'STREAM' : 'COMPLETION';
        ref = m[2];
      }
      const from = nodeOf(ref);
      const key = from + '>' + b.id + '>' + kind;
      if (from && !seen.has(key)) {
        seen.add(key);
        edges.push({ from, to: b.id, kind });
      }
    }
  }
  return { title, nodes, edges };
}
