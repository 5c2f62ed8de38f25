/// The dashboard's one page: inline CSS and JavaScript, no external assets. It renders the figures
/// from `/events` (pushed on every change) and draws bar charts as inline SVG. Amounts arrive in fen
/// and are shown in yuan.
enum DashboardPage {
    static let html = #"""
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Precise student aid · city figures</title>
<style>
  :root { --ink:#1d2733; --muted:#5d6b7a; --line:#dde3ea; --bg:#f4f6f9; --card:#fff; --accent:#c0392b; --bar:#2f6fae; --bar2:#8fb3d9; }
  * { box-sizing: border-box; }
  body { margin:0; font:15px/1.45 system-ui, -apple-system, "Segoe UI", "Noto Sans", "PingFang SC", sans-serif; color:var(--ink); background:var(--bg); }
  header { display:flex; flex-wrap:wrap; align-items:baseline; gap:.75rem 1.5rem; padding:1.1rem 1.5rem; background:var(--card); border-bottom:1px solid var(--line); }
  header h1 { margin:0; font-size:1.3rem; font-weight:650; }
  header .status { font-size:.85rem; color:var(--muted); }
  .dot { display:inline-block; width:.6rem; height:.6rem; border-radius:50%; background:#b8c2cc; margin-right:.35rem; vertical-align:middle; }
  .dot.live { background:#27ae60; }
  .dot.down { background:var(--accent); }
  main { padding:1.25rem 1.5rem 2rem; max-width:1200px; margin:0 auto; }
  .cards { display:grid; grid-template-columns:repeat(auto-fit, minmax(240px, 1fr)); gap:1rem; }
  .card { background:var(--card); border:1px solid var(--line); border-radius:10px; padding:1rem 1.1rem; }
  .card .label { font-size:.8rem; text-transform:uppercase; letter-spacing:.04em; color:var(--muted); }
  .card .value { font-size:1.9rem; font-weight:680; margin:.25rem 0 .1rem; font-variant-numeric:tabular-nums; }
  .card .note { font-size:.82rem; color:var(--muted); }
  section { margin-top:1.5rem; }
  section h2 { font-size:1.05rem; margin:0 0 .6rem; }
  .charts { display:grid; grid-template-columns:repeat(auto-fit, minmax(420px, 1fr)); gap:1rem; }
  .chart { background:var(--card); border:1px solid var(--line); border-radius:10px; padding:.9rem 1rem; }
  .chart h3 { font-size:.95rem; margin:0 0 .5rem; font-weight:600; }
  .chart h3 small { font-weight:400; color:var(--muted); font-size:.8rem; margin-left:.4rem; }
  .chart svg { width:100%; height:auto; display:block; }
  .chart svg text { font-size:12px; fill:var(--ink); }
  .chart svg text.value { fill:var(--muted); }
  .empty { color:var(--muted); font-size:.9rem; padding:.5rem 0; }
  table { width:100%; border-collapse:collapse; font-variant-numeric:tabular-nums; background:var(--card); border:1px solid var(--line); border-radius:10px; overflow:hidden; }
  th, td { text-align:right; padding:.45rem .8rem; border-bottom:1px solid var(--line); font-size:.9rem; }
  th:first-child, td:first-child { text-align:left; }
  th { background:#eef2f6; font-weight:600; color:var(--muted); font-size:.8rem; text-transform:uppercase; letter-spacing:.03em; }
  footer { color:var(--muted); font-size:.8rem; margin-top:1.5rem; }
  [hidden] { display:none !important; }
</style>
</head>
<body>
<header>
  <h1>Precise student aid · city figures</h1>
  <span class="status"><span id="connection-dot" class="dot"></span><span id="connection">connecting…</span></span>
  <span class="status" id="freshness"></span>
</header>
<main>
  <div class="cards">
    <div class="card"><div class="label">Disbursed</div><div class="value" id="disbursed" data-fen="">—</div><div class="note" id="disbursed-note"></div></div>
    <div class="card"><div class="label">Student-times paid</div><div class="value" id="student-times" data-value="">—</div><div class="note" id="student-times-note"></div></div>
    <div class="card"><div class="label">Aid reached this semester</div><div class="value" id="coverage">—</div><div class="note" id="coverage-note"></div></div>
    <div class="card"><div class="label">Students identified</div><div class="value" id="identified">—</div><div class="note" id="identified-note"></div></div>
    <div class="card"><div class="label">Registry-listed identified</div><div class="value" id="listed-coverage">—</div><div class="note" id="listed-coverage-note"></div></div>
  </div>

  <section>
    <h2>Where the money went</h2>
    <div class="charts">
      <div class="chart"><h3>Disbursed by programme<small>amount · student-times</small></h3><div id="chart-program"></div></div>
      <div class="chart"><h3>Disbursed by town<small>amount · student-times</small></h3><div id="chart-town"></div></div>
      <div class="chart"><h3>Aid reached by town<small>paid / entitled students, dark = paid</small></h3><div id="chart-coverage-town"></div></div>
      <div class="chart"><h3>Identified students by need tier</h3><div id="chart-tier"></div></div>
      <div class="chart"><h3>Registry-listed students identified by town<small>identified / listed, dark = identified</small></h3><div id="chart-listed-town"></div></div>
    </div>
  </section>

  <section>
    <h2>Charity, pairing, training and supervision</h2>
    <div class="cards">
      <div class="card"><div class="label">Donated equipment allocated</div><div class="value" id="charity-allocated">—</div><div class="note" id="charity-note"></div></div>
      <div class="card"><div class="label">Schools twinned</div><div class="value" id="twinnings">—</div><div class="note" id="twinnings-note"></div></div>
      <div class="card"><div class="label">Left-behind children paired</div><div class="value" id="care-pairs">—</div><div class="note" id="care-pairs-note"></div></div>
      <div class="card"><div class="label">Training pass rate</div><div class="value" id="training-pass-rate">—</div><div class="note" id="training-note"></div></div>
      <div class="card"><div class="label">Aided students re-checked</div><div class="value" id="recheck-coverage">—</div><div class="note" id="recheck-note"></div></div>
      <div class="card"><div class="label">Claw-backs ordered</div><div class="value" id="clawbacks">—</div><div class="note" id="clawbacks-note"></div></div>
      <div class="card"><div class="label">School reviews signed</div><div class="value" id="reviews">—</div><div class="note" id="reviews-note"></div></div>
    </div>
    <div class="charts" style="margin-top:1rem">
      <div class="chart"><h3>Donated equipment by town<small>delivered / allocated value, dark = delivered</small></h3><div id="chart-charity-town"></div></div>
      <div class="chart"><h3>Training pass rate by exam year<small>passed / examined</small></h3><div id="chart-training-year"></div></div>
      <div class="chart"><h3>Inspection findings by kind</h3><div id="chart-findings"></div></div>
    </div>
  </section>

  <section>
    <h2>By school</h2>
    <table>
      <thead><tr><th>School</th><th>Disbursed</th><th>Student-times</th><th>Payments</th></tr></thead>
      <tbody id="schools"><tr><td colspan="4" class="empty">No payments yet.</td></tr></tbody>
    </table>
  </section>

  <footer id="footer">Built only from the suite's event topics; aggregates only, no personal data.</footer>
</main>
<script>
"use strict";
const $ = (id) => document.getElementById(id);
const SVG = "http://www.w3.org/2000/svg";

// Fen are integers; format them as yuan without floating-point rounding.
function yuan(fen) {
  const negative = fen < 0;
  const abs = Math.abs(fen);
  const whole = Math.floor(abs / 100).toLocaleString("en-US");
  const cents = String(abs % 100).padStart(2, "0");
  return (negative ? "-" : "") + "¥" + whole + "." + cents;
}
const count = (n) => Number(n).toLocaleString("en-US");
const percent = (r) => (r === null || r === undefined) ? "—" : (r * 100).toFixed(1) + "%";

function element(name, attributes, text) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

// Room for the value labels right of the bars, so the longest bar's label is not cut off
// (about 7 px per character at the charts' 12 px font).
function layout(labels) {
  const width = 640, labelWidth = 150;
  const valueWidth = Math.max(60, ...labels.map((text) => text.length * 7 + 12));
  return { rowHeight: 28, labelWidth, width, barWidth: Math.max(120, width - labelWidth - valueWidth) };
}

// Horizontal bars: one row per entry, the longest bar spans the chart.
function bars(containerId, rows, valueOf, label) {
  const container = $(containerId);
  container.replaceChildren();
  if (!rows.length) {
    const empty = document.createElement("div");
    empty.className = "empty";
    empty.textContent = "Nothing yet.";
    container.append(empty);
    return;
  }
  const { rowHeight, labelWidth, width, barWidth } = layout(rows.map(label));
  const max = Math.max(...rows.map(valueOf), 1);
  const svg = element("svg", { viewBox: `0 0 ${width} ${rows.length * rowHeight}`, role: "img" });
  rows.forEach((row, index) => {
    const y = index * rowHeight;
    const length = Math.max(2, Math.round(barWidth * valueOf(row) / max));
    svg.append(element("text", { x: 0, y: y + 18 }, row.key));
    svg.append(element("rect", { x: labelWidth, y: y + 5, width: length, height: rowHeight - 10, rx: 3, fill: "var(--bar)" }));
    svg.append(element("text", { x: labelWidth + length + 8, y: y + 18, class: "value" }, label(row)));
  });
  container.append(svg);
}

// Paired bars: the whole (entitled students, allocated value) in light blue, the part achieved
// (paid, delivered) in dark blue over it.
function pairedBars(containerId, rows, whole, part, label, emptyText) {
  const container = $(containerId);
  container.replaceChildren();
  const shown = rows.filter((row) => whole(row) > 0);
  if (!shown.length) {
    const empty = document.createElement("div");
    empty.className = "empty";
    empty.textContent = emptyText;
    container.append(empty);
    return;
  }
  const { rowHeight, labelWidth, width, barWidth } = layout(shown.map(label));
  const max = Math.max(...shown.map(whole), 1);
  const svg = element("svg", { viewBox: `0 0 ${width} ${shown.length * rowHeight}`, role: "img" });
  shown.forEach((row, index) => {
    const y = index * rowHeight;
    const full = Math.max(2, Math.round(barWidth * whole(row) / max));
    const done = Math.round(barWidth * part(row) / max);
    svg.append(element("text", { x: 0, y: y + 18 }, row.key));
    svg.append(element("rect", { x: labelWidth, y: y + 5, width: full, height: rowHeight - 10, rx: 3, fill: "var(--bar2)" }));
    svg.append(element("rect", { x: labelWidth, y: y + 5, width: done, height: rowHeight - 10, rx: 3, fill: "var(--bar)" }));
    svg.append(element("text", { x: labelWidth + full + 8, y: y + 18, class: "value" }, label(row)));
  });
  container.append(svg);
}

function render(figures) {
  const d = figures.disbursement, c = figures.coverage, i = figures.identification;
  $("disbursed").textContent = yuan(d.disbursedFen);
  $("disbursed").dataset.fen = String(d.disbursedFen);
  $("disbursed-note").textContent = `${count(d.payments)} payments` + (d.recoveredFen ? ` · ${yuan(d.recoveredFen)} recovered, net ${yuan(d.netFen)}` : "");
  $("student-times").textContent = count(d.studentTimes);
  $("student-times").dataset.value = String(d.studentTimes);
  $("student-times-note").textContent = `${count(d.studentsPaid)} students` + (d.failedAttempts ? ` · ${count(d.failedAttempts)} bank rejections retried` : "");
  $("coverage").textContent = percent(c.paidShare);
  $("coverage-note").textContent = c.semester ? `${count(c.paid)} of ${count(c.entitled)} entitled students paid in ${c.semester}` : "no semester open yet";
  $("identified").textContent = count(c.identified);
  $("identified-note").textContent = `${count(c.registryBased)} through registry lists · ${percent(c.identifiedShare)} of ${count(c.enrolled)} enrolled`;

  bars("chart-program", d.byProgram, (row) => row.amountFen, (row) => `${yuan(row.amountFen)} · ${count(row.studentTimes)}`);
  bars("chart-town", d.byTown, (row) => row.amountFen, (row) => `${yuan(row.amountFen)} · ${count(row.studentTimes)}`);
  pairedBars("chart-coverage-town", c.byTown, (row) => row.entitled, (row) => row.paid,
             (row) => `${count(row.paid)} / ${count(row.entitled)}`, "No entitlements yet.");
  bars("chart-tier", i.byTier, (row) => row.count, (row) => count(row.count));
  $("listed-coverage").textContent = percent(c.listedShare);
  $("listed-coverage-note").textContent = c.listed == null ? "not counted by identification yet"
    : `${count(c.listedIdentified)} of ${count(c.listed)} listed students` + (c.listedHeld ? ` · ${count(c.listedHeld)} held after claw-backs` : "");
  pairedBars("chart-listed-town", c.listedByTown, (row) => row.listed, (row) => row.identified,
             (row) => `${count(row.identified)} / ${count(row.listed)}`, "No listed students yet.");

  const g = figures.charity;
  $("charity-allocated").textContent = yuan(g.allocatedFen);
  $("charity-note").textContent = `${yuan(g.deliveredFen)} delivered to ${count(g.schoolsServed)} schools · ${count(g.schoolsAssessed)} schools assessed`;
  pairedBars("chart-charity-town", g.byTown, (row) => row.allocatedFen, (row) => row.deliveredFen,
             (row) => `${yuan(row.deliveredFen)} / ${yuan(row.allocatedFen)}`, "No allocations yet.");
  const p = figures.pairing;
  $("twinnings").textContent = count(p.twinningsActive);
  $("twinnings-note").textContent = `${count(p.keyPovertyVillageTwinnings)} serving key poverty villages · ${count(p.twinningsFormed)} formed in all`;
  $("care-pairs").textContent = count(p.carePairsActive);
  $("care-pairs-note").textContent = `with a volunteer now · ${count(p.carePairsFormed)} pairs formed in all`;
  const t = figures.training, s = figures.inspection, r = figures.recheckCoverage;
  $("training-pass-rate").textContent = percent(t.passRate);
  $("training-note").textContent = `${count(t.passed)} passed of ${count(t.passed + t.failed)} examined · ${count(t.enrolled)} in class · ${count(t.waitlisted)} waiting`;
  $("recheck-coverage").textContent = percent(r.share);
  $("recheck-note").textContent = r.semester ? `${count(r.rechecked)} of ${count(r.aided)} students paid in ${r.semester}` : "no payments yet";
  $("clawbacks").textContent = count(s.clawbacksOrdered);
  $("clawbacks-note").textContent = `${yuan(s.clawbackOrderedFen)} ordered · ${yuan(d.recoveredFen)} recovered · ${count(s.findings)} findings`;
  $("reviews").textContent = count(s.reviewsSigned);
  $("reviews-note").textContent = s.averageReviewScore === undefined ? "no reviews yet" : `average score ${s.averageReviewScore.toFixed(1)} · ${count(s.rechecks)} re-checks, ${count(s.discrepancies)} discrepancies`;
  bars("chart-training-year", t.byYear.map((row) => ({ ...row, key: String(row.year) })), (row) => row.passRate || 0,
       (row) => `${percent(row.passRate)} · ${count(row.passed)} / ${count(row.passed + row.failed)}`);
  bars("chart-findings", s.findingsByKind, (row) => row.count, (row) => count(row.count));

  const body = $("schools");
  body.replaceChildren();
  const schools = [...d.bySchool].sort((a, b) => b.amountFen - a.amountFen);
  if (!schools.length) {
    body.innerHTML = '<tr><td colspan="4" class="empty">No payments yet.</td></tr>';
  }
  for (const school of schools) {
    const tr = document.createElement("tr");
    for (const text of [school.key, yuan(school.amountFen), count(school.studentTimes), count(school.payments)]) {
      const td = document.createElement("td");
      td.textContent = text;
      tr.append(td);
    }
    body.append(tr);
  }

  $("freshness").textContent = (figures.caughtUp ? "" : "catching up with the topics · ") +
    `${count(figures.eventsApplied)} events` + (figures.lastEventTime ? ` · latest ${figures.lastEventTime}` : "");
}

function connect() {
  const source = new EventSource("events");
  source.addEventListener("open", () => { $("connection").textContent = "live"; $("connection-dot").className = "dot live"; });
  source.addEventListener("error", () => { $("connection").textContent = "reconnecting…"; $("connection-dot").className = "dot down"; });
  source.addEventListener("figures", (event) => render(JSON.parse(event.data)));
}
connect();
</script>
</body>
</html>
"""#
}
