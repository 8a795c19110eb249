// The SwarmLedger dashboard: draws GET /v1/dashboard (one bounded answer aggregated by the node)
// and redraws when /v1/events reports a new leaf. Chart counts are exposed as data-* attributes.
'use strict';

const $ = (s) => document.querySelector(s);
const el = (tag, text, cls) => {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
};
const credits = (micro) => (micro / 1e6).toFixed(3);
const bpb = (v) => (v === null || v === undefined ? '-' : v.toFixed(4));
const colors = ['#2a6fdb', '#d9480f', '#2b8a3e', '#862e9c', '#e8590c'];
let axis = 'time';
let last = null;
const charts = [];

function row(tbody, cells) {
  const tr = el('tr');
  for (const c of cells) tr.appendChild(c instanceof Node ? c : el('td', String(c)));
  tbody.appendChild(tr);
}

function fillTable(id, rows, toCells, emptyText) {
  const tbody = $(id + ' tbody');
  tbody.replaceChildren();
  if (rows.length === 0 && emptyText) {
    const td = el('td', emptyText, 'empty');
    td.colSpan = $(id).querySelectorAll('th').length;
    row(tbody, [td]);
  }
  rows.forEach((r) => row(tbody, toCells(r)));
}

function cards(target, pairs) {
  target.replaceChildren(...pairs.map(([label, value, key]) => {
    const d = el('div', undefined, 'card');
    const b = el('b', String(value));
    if (key) b.dataset.key = key;
    d.append(b, label);
    return d;
  }));
}

function plot(target, opts, data) {
  const width = Math.max(300, target.clientWidth || 600);
  const u = new uPlot({ width, height: 220, ...opts }, data, target);
  charts.push(u);
  return u;
}

// One track: its verified results as points and the step line of its verified bests.
function trackChart(box, t) {
  const x = axis === 'time' ? (i, s) => s.time[i] / 1000 : (i, s) => s.index[i];
  const rows = [];
  t.results.index.forEach((_, i) => rows.push([x(i, t.results), t.results.val_bpb[i], null]));
  t.bests.index.forEach((_, i) => rows.push([x(i, t.bests), null, t.bests.val_bpb[i]]));
  rows.sort((a, b) => a[0] - b[0]);
  const data = [rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2])];
  const u = plot(box, {
    title: t.track,
    scales: { x: { time: axis === 'time' } },
    axes: [{ label: axis === 'time' ? 'decided' : 'log index' }, { label: 'val_bpb' }],
    series: [
      {},
      { label: 'verified result', stroke: colors[0], paths: () => null, points: { show: true, size: 6, fill: colors[0] } },
      { label: 'best', stroke: colors[1], width: 2, spanGaps: true, paths: uPlot.paths.stepped({ align: 1 }), points: { show: false } },
    ],
  }, data);
  const count = (k) => u.data[k].filter((v) => v !== null).length;
  box.dataset.points = count(1);
  box.dataset.bests = count(2);
  box.dataset.verified = t.verified;
}

function histogram(target, title, h) {
  const width = (h.high - h.low) / h.counts.length;
  const centres = h.counts.map((_, i) => h.low + width * (i + 0.5));
  const u = plot(target, {
    title: `${title} (${h.total})`,
    scales: { x: { time: false } },
    axes: [{ values: (u, vals) => vals.map((v) => (v === 0 ? '0' : v.toExponential(1))) }, {}],
    series: [{}, { label: 'count', stroke: colors[2], fill: colors[2] + '88', paths: uPlot.paths.bars({ size: [0.9] }), points: { show: false } }],
  }, [centres, h.counts]);
  target.dataset.total = h.total;
  target.dataset.bins = u.data[1].length;
}

function creditChart(target, c) {
  const s = c.series;
  plot(target, {
    title: 'credits over time (cumulative)',
    series: [
      {},
      { label: 'minted', stroke: colors[0], value: (u, v) => v === null ? '-' : v.toFixed(3) },
      { label: 'pending', stroke: colors[4] },
      { label: 'spent on jobs', stroke: colors[3] },
    ],
  }, [s.time.map((t) => t / 1000), s.minted.map((m) => m / 1e6), s.pending.map((m) => m / 1e6), s.spent.map((m) => m / 1e6)]);
  target.dataset.points = s.time.length;
}

function draw(d) {
  charts.splice(0).forEach((u) => u.destroy());
  const c = d.credits;
  cards($('#cards'), [
    ['log size', d.log_size, 'log_size'], ['verified', d.pipeline.verified, 'verified'],
    ['minted', credits(c.minted)], ['supply', credits(c.supply)], ['pending', credits(c.pending)],
    ['escrowed', credits(c.escrowed)], ['spent', credits(c.spent)], ['burned', credits(c.burned)],
  ]);

  const tracks = $('#tracks');
  tracks.replaceChildren();
  for (const t of d.tracks) {
    const box = el('div', undefined, 'track');
    const chart = el('div', undefined, 'chart');
    chart.dataset.track = t.track;
    const table = el('table');
    table.innerHTML = '<thead><tr><th>#</th><th>account</th><th>best</th><th>verified</th><th>rejected</th><th>minted</th></tr></thead><tbody></tbody>';
    const tbody = table.querySelector('tbody');
    t.leaderboard.forEach((l) => row(tbody, [l.rank, l.name, bpb(l.best_val_bpb), l.verified, l.rejected, credits(l.minted)]));
    box.append(chart, table);
    tracks.appendChild(box);
    trackChart(chart, t);
  }

  const p = d.pipeline;
  cards($('#stages'), [['claimed', p.claimed], ['running', p.running], ['awaiting verification', p.awaiting],
    ['verified', p.verified], ['mismatch', p.mismatch]]);
  fillTable('#inflight', p.recent, (r) => [el('td', r.stage, 'stage-' + r.stage), r.id, r.track, r.account,
    bpb(r.claimed_val_bpb), bpb(r.verified_val_bpb), r.verifiers.map((v) => v.name + ': ' + v.verdict).join(', ') || '-'],
  'nothing in flight');
  histogram($('#hist-claimed'), 'claimed − verified val_bpb', d.claimed_minus_verified);
  histogram($('#hist-rerun'), 're-run − re-run, same hardware class', d.rerun_minus_rerun);

  creditChart($('#credits'), c);
  const j = d.jobs;
  cards($('#job-stages'), [['open', j.open], ['running', j.running], ['verifying', j.verifying],
    ['settled', j.settled], ['cancelled', j.cancelled], ['failed', j.failed]]);
  fillTable('#jobs', j.active, (r) => [r.id, r.kind, r.status, r.spender, r.worker || '-', r.verifier || '-', credits(r.max)],
    'no job in progress');
  fillTable('#verifiers', d.verifiers, (v) => [v.name, v.hardware_class, v.reputation, v.attestations, v.agreeing, v.leased], 'no verifiers');
  fillTable('#workers', d.workers, (w) => [w.name, w.hardware_class, w.reputation, w.completions, w.running], 'no workers');
  fillTable('#anchors', d.anchors, (a) => [a.index, a.tree_size, a.root.slice(0, 16) + '…',
    `${a.chain_id} · ${a.contract.slice(0, 10)}… · block ${a.block}`, a.tx_hash.slice(0, 18) + '…'],
    'no anchor recorded on this log yet');
}

// The checkpoint note: origin, size, root, a blank line, then signature lines "— name sig".
function drawCheckpoint(note) {
  const [body, sigs = ''] = note.split('\n\n');
  const [origin, size, root] = body.split('\n');
  const signers = sigs.split('\n').filter((l) => l.startsWith('— ')).map((l) => l.split(' ')[1]);
  const cosigners = signers.filter((n) => n !== origin);
  const box = $('#checkpoint');
  box.textContent = `origin ${origin}\nsize   ${size}\nroot   ${root}\nsigned by the log and ${cosigners.length} witness(es)` +
    (cosigners.length ? ':\n  ' + cosigners.join('\n  ') : '');
  box.dataset.size = size;
  box.dataset.cosignatures = cosigners.length;
}

async function refresh() {
  const [d, note] = await Promise.all([
    fetch('/v1/dashboard').then((r) => r.json()),
    fetch('/v1/log/checkpoint').then((r) => r.text()),
  ]);
  last = d;
  draw(d);
  drawCheckpoint(note);
  document.body.dataset.logSize = d.log_size;
}

// Many leaves arrive in bursts: redraw at most every 300 ms, and once more after the last one.
let timer = null;
let again = false;
function schedule() {
  if (timer) { again = true; return; }
  timer = setTimeout(async () => {
    try { await refresh(); } finally {
      timer = null;
      if (again) { again = false; schedule(); }
    }
  }, 300);
}

document.querySelectorAll('.axis button').forEach((b) => b.addEventListener('click', () => {
  axis = b.dataset.axis;
  document.querySelectorAll('.axis button').forEach((o) => o.classList.toggle('on', o === b));
  if (last) draw(last);
}));

const events = new EventSource('/v1/events');
events.onopen = () => { $('#live').textContent = 'live'; };
events.onerror = () => { $('#live').textContent = 'reconnecting…'; };
events.addEventListener('leaf', (e) => {
  const leaf = JSON.parse(e.data);
  const line = el('div', `#${leaf.index} ${leaf.type} ${leaf.account.slice(0, 12)} ${leaf.time}`);
  $('#events').prepend(line);
  while ($('#events').childElementCount > 50) $('#events').lastChild.remove();
  schedule();
});
refresh();
