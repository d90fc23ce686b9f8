// The in-browser check, shared by /kontroller/ and the upload page's "Kontroller først":
// a client for kontroll-worker.js (kontroll in Pyodide) and the report drawn from kontroll's
// JSON with the portal report's look. No rule lives here; this only formats kontroll's output.

export function supported() {
  return typeof WebAssembly === "object" && typeof Worker === "function";
}

// Options of the form as the checker's command-line arguments (see kontroll/cli.py).
export function argvFor(options, format) {
  const argv = ["--skjema", options.skjema, "--aar", String(options.aar),
    "--kommune", options.kommune, "--format", format];
  if (options.bydel) argv.push("--bydel", options.bydel);
  if (options.ingenDeltakere) argv.push("--ingen-deltakere");
  if (options.lang) argv.push("--lang", options.lang);
  return argv;
}

export class LocalKontroll {
  // config: {worker, pyodide, pyodideIndex, archive} (the form's data attributes).
  constructor(config, onPhase) {
    this.config = config;
    this.onPhase = onPhase || (() => {});
    this.worker = null;
    this.pending = new Map();
    this.nextId = 1;
    this.formats = [];
  }

  start() {
    if (this.worker) return;
    this.worker = new Worker(this.config.worker, { type: "module" });
    this.worker.onmessage = (event) => this.receive(event.data);
    this.worker.onerror = (event) => {
      // A dead worker (e.g. out of memory) is replaced on the next check.
      this.worker.terminate();
      this.worker = null;
      this.failAll(event.message || "worker error");
    };
    this.worker.postMessage({ type: "init", pyodide: this.config.pyodide,
      pyodideIndex: this.config.pyodideIndex, archive: this.config.archive });
  }

  receive(msg) {
    if (msg.type === "progress") {
      if (msg.formats) this.formats = msg.formats;
      this.onPhase(msg.phase);
      return;
    }
    if (msg.id === null) { this.failAll(msg.message); return; }
    const waiting = this.pending.get(msg.id);
    if (!waiting) return;
    this.pending.delete(msg.id);
    if (msg.type === "result") {
      waiting.resolve({ exitCode: msg.exitCode, stdout: new TextDecoder("utf-8", { ignoreBOM: true }).decode(msg.stdout),
        stderr: msg.stderr });
    }
    else waiting.reject(new Error(msg.message));
  }

  failAll(message) {
    for (const waiting of this.pending.values()) waiting.reject(new Error(message));
    this.pending.clear();
  }

  // Larger than the portal accepts: the browser's check would only exhaust its memory.
  tooLarge(file) {
    return file.size > Number(this.config.maxBytes || Infinity);
  }

  // Runs the checker on the bytes; resolves to {exitCode, stdout, stderr}. The buffer is
  // copied to the worker (kept here for a later run in another format).
  run(data, options, format) {
    this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ type: "check", id, data, argv: argvFor(options, format) });
    });
  }
}

// Options from a form with the fields of /kontroller/ (skjema, aar, kommune, bydel, ...).
export function formOptions(form) {
  const value = (name) => (form.querySelector(`[name=${name}]`) || {}).value || "";
  const box = form.querySelector("[name=ingen_deltakere]");
  return { skjema: value("skjema"), aar: value("aar").trim(), kommune: value("kommune").trim(),
    bydel: value("bydel").trim(), ingenDeltakere: Boolean(box && box.checked) };
}

export function severityCounts(result) {
  const counts = {};
  for (const f of result.findings) counts[f.severity] = (counts[f.severity] || 0) + 1;
  return counts;
}

function format(text, values) {
  return text.replace(/\{(\w+)\}/g, (m, k) => (k in values ? String(values[k]) : m));
}

function el(tag, attrs, children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "text") node.textContent = v;
    else node.setAttribute(k, v);
  }
  for (const child of children || []) if (child) node.append(child);
  return node;
}

function table(cls, head, rows, caption) {
  const t = el("table", cls ? { class: cls } : {});
  if (caption) t.append(el("caption", { text: caption }));
  if (head) {
    t.append(el("thead", {}, [el("tr", {}, head.map(([text, c]) =>
      el("th", c ? { scope: "col", class: c } : { scope: "col" }, [text])))]));
  }
  t.append(el("tbody", {}, rows));
  return t;
}

function cell(value, cls) {
  return el("td", cls ? { class: cls } : {}, [value === null || value === undefined ? "" : String(value)]);
}

function number(value) {
  return typeof value === "number" ? value.toLocaleString("nb-NO", { maximumFractionDigits: 0 }) : String(value);
}

export function verdictBadge(result, texts) {
  const warnings = result.findings.some((f) => f.severity === "WARNING");
  const cls = result.accepted ? (warnings ? "warn" : "ok") : "err";
  const text = result.accepted
    ? texts.accepted + (warnings ? ` – ${texts.with_warnings}` : "") : texts.rejected;
  return el("span", { class: `badge ${cls}`, id: "kontroll-verdict", "data-accepted": String(result.accepted) }, [text]);
}

const MAX_ROWS = 1000;

// Draws the report (verdict, summary per rule, statistics, findings with filters) into
// container. links: extra nodes for the verdict line (downloads).
export function renderReport(container, result, texts, links) {
  const labels = Object.fromEntries(texts.severities);
  const order = Object.fromEntries(texts.severities.map(([v], i) => [v, i]));
  const counts = severityCounts(result);
  container.replaceChildren();

  const where = [`${texts.kommune} ${result.kommune}`];
  if (result.bydel) where.push(`${texts.bydel} ${result.bydel}`);
  container.append(el("p", {}, [verdictBadge(result, texts),
    ` ${result.skjema} ${result.aar} · ${where.join(" · ")} · ${format(texts.n_records, { n: result.records })}`,
    ...(links || []).flatMap((a) => [" · ", a])]));

  // Summary per rule, most severe first (as the portal's report).
  const rules = Object.entries(result.summary).map(([rule, s]) => ({ rule, ...s }));
  rules.sort((a, b) => (order[a.severity] ?? 9) - (order[b.severity] ?? 9) || (a.rule < b.rule ? -1 : 1));
  container.append(el("h2", { text: texts.summary }));
  container.append(rules.length
    ? table("counts", [[texts.rule], [texts.severity], [texts.count, "num"], [texts.rule_title]],
      rules.map((r) => el("tr", {}, [cell(r.rule), cell(labels[r.severity] || r.severity),
        cell(r.count, "num"), cell(r.title)])))
    : el("p", { text: texts.nothing }));

  // Statistics: records, findings per severity, kontroll's totals and small tables.
  container.append(el("h2", { text: texts.statistics_heading }));
  const rows = [el("tr", {}, [el("th", { scope: "row", text: texts.records }), cell(result.records, "num")])];
  for (const [value, label] of texts.severities) {
    rows.push(el("tr", {}, [el("th", { scope: "row", text: label }), cell(counts[value] || "", "num")]));
  }
  const stats = result.statistics || {};
  const known = Object.keys(texts.statistics);
  const keys = Object.keys(stats).sort((a, b) =>
    ((known.indexOf(a) + 1 || 99) - (known.indexOf(b) + 1 || 99)) || (a < b ? -1 : 1));
  const tables = [];
  for (const key of keys) {
    const value = stats[key];
    const label = texts.statistics[key] || key;
    if (Array.isArray(value)) {
      if (value.every((r) => r && typeof r === "object")) {
        tables.push(table("counts", [[texts.group], [texts.count, "num"]],
          value.map((r) => el("tr", {}, [el("th", { scope: "row", text: String(r.group ?? "") }), cell(r.count ?? 0, "num")])),
          label));
      }
    } else if (value === null || typeof value !== "object") {
      rows.push(el("tr", {}, [el("th", { scope: "row", text: label }), cell(number(value), "num")]));
    }
  }
  container.append(table("counts", null, rows));
  if (tables.length) container.append(el("div", { class: "stat-tables" }, tables));

  // Findings with filters by severity and rule.
  container.append(el("h2", { text: texts.findings }));
  const option = (value, label) => el("option", { value }, [label]);
  const sevSelect = el("select", { id: "kontroll-alvorlighet" }, [option("", texts.all),
    ...texts.severities.map(([v, l]) => option(v, l))]);
  const ruleSelect = el("select", { id: "kontroll-kontroll" }, [option("", texts.all),
    ...rules.map((r) => option(r.rule, r.rule))]);
  container.append(el("div", { class: "inline-form" }, [
    el("label", { for: "kontroll-alvorlighet", class: "inline-label", text: texts.severity }), sevSelect, " ",
    el("label", { for: "kontroll-kontroll", class: "inline-label", text: texts.rule }), ruleSelect]));
  const note = el("p", { class: "small muted", id: "kontroll-showing" });
  const body = el("tbody");
  const findingsTable = el("table", { id: "kontroll-findings" }, [
    el("thead", {}, [el("tr", {}, [texts.line, texts.journal_number, texts.caseworker, texts.rule,
      texts.severity, texts.fields, texts.message].map((t) => el("th", { scope: "col", text: t })))]),
    body]);
  const sorted = [...result.findings].sort((a, b) => (a.line || 0) - (b.line || 0));
  function draw() {
    const sev = sevSelect.value;
    const rule = ruleSelect.value;
    const shown = sorted.filter((f) => (!sev || f.severity === sev) && (!rule || f.rule === rule));
    body.replaceChildren(...shown.slice(0, MAX_ROWS).map((f) => el("tr", {}, [
      cell(f.line === null ? "–" : f.line), cell(f.journal_number), cell(f.caseworker), cell(f.rule),
      cell(labels[f.severity] || f.severity), cell(f.fields.join(", ")), cell(f.message)])));
    if (!shown.length) body.append(el("tr", {}, [el("td", { colspan: "7", text: texts.no_findings })]));
    note.textContent = shown.length > MAX_ROWS ? format(texts.showing, { shown: MAX_ROWS, total: shown.length }) : "";
  }
  sevSelect.addEventListener("change", draw);
  ruleSelect.addEventListener("change", draw);
  draw();
  container.append(note, el("div", { class: "table-scroll" }, [findingsTable]));
}

export function downloadLink(text, filename, type, label, id) {
  const a = el("a", { href: "#", id, download: filename, text: label });
  a.addEventListener("click", async (event) => {
    if (a.dataset.ready) return;
    event.preventDefault();
    const content = typeof text === "function" ? await text() : text;
    a.href = URL.createObjectURL(new Blob([content], { type }));
    a.dataset.ready = "1";
    a.click();
  });
  return a;
}
