// Calls to the ayo4j API. The API key, when the server wants one, is asked for once, kept in this tab's
// session storage and sent as a bearer header; it never goes into a URL.
const KEY = 'ayo4j.apiKey';

function headers(extra) {
  const h = Object.assign({}, extra);
  const key = sessionStorage.getItem(KEY);
  if (key) h['Authorization'] = 'Bearer ' + key;
  return h;
}

let asking = null;

/** Shows the key dialog; resolves once a key is entered. */
function askForKey(message) {
  if (asking) return asking;
  const dialog = document.getElementById('key-dialog');
  document.getElementById('key-error').textContent = message || '';
  asking = new Promise(resolve => {
    dialog.addEventListener('close', () => {
      const key = document.getElementById('key-input').value.trim();
      if (key) sessionStorage.setItem(KEY, key);
      asking = null;
      resolve();
    }, { once: true });
  });
  dialog.showModal();
  return asking;
}

async function errorOf(res) {
  try {
    const body = await res.json();
    return body.error && body.error.message ? body.error.message : res.statusText;
  } catch (_) {
    return res.statusText;
  }
}

/** fetch with the key; on 401 asks for a key and tries again. */
async function send(path, init) {
  for (;;) {
    const res = await fetch(path, Object.assign({}, init, { headers: headers(init && init.headers) }));
    if (res.status !== 401) return res;
    const had = sessionStorage.getItem(KEY);
    sessionStorage.removeItem(KEY);
    await askForKey(had ? 'That key was refused; try another.' : '');
  }
}

/** GET path as JSON; throws an Error with the server's message on failure. */
export async function getJson(path) {
  const res = await send(path, {});
  if (!res.ok) throw new Error(res.status + ': ' + await errorOf(res));
  return res.json();
}

/** GET path as text (with the key, which a plain link could not send); null if the server has no such route. */
export async function getText(path) {
  const res = await send(path, {});
  if (res.status === 404) return null;
  if (!res.ok) throw new Error(res.status + ': ' + await errorOf(res));
  return res.text();
}

/**
 * Runs a question as server-sent events (POST, so fetch reads the stream rather than EventSource),
 * optimized or with no pass ({@code optimize} false); calls onEvent(name, data) for each event, and
 * resolves when the stream ends.
 */
export async function streamRun(app, question, optimize, onEvent) {
  const res = await send('/v1/apps/' + encodeURIComponent(app) + '/runs', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Accept': 'text/event-stream' },
    body: JSON.stringify({ question, optimize }),
  });
  if (!res.ok) throw new Error(res.status + ': ' + await errorOf(res));
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value.replace(/\r\n/g, '\n');
    let cut;
    while ((cut = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      let name = 'message';
      const data = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) name = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(line.startsWith('data: ') ? 6 : 5));
      }
      if (data.length) onEvent(name, JSON.parse(data.join('\n')));
    }
  }
}
