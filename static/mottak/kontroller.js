// /kontroller/: reads the chosen file in the page and checks it with kontroll in a Web Worker
// (kontroll-local.js). The JSON the checker printed goes into #kontroll-resultat unchanged;
// the report is drawn from it. Nothing is sent anywhere.
const form = document.getElementById("kontroll-form");
// kontroll-local.js by its static URL (a hashed name in production, like this file's).
const {
  downloadLink, formOptions, LocalKontroll, renderReport, supported,
} = await import(form.dataset.local);
const texts = JSON.parse(document.getElementById("kontroll-texts").textContent);
const progress = document.getElementById("kontroll-progress");
const phase = document.getElementById("kontroll-phase");
const errorBox = document.getElementById("kontroll-error");
const reportBox = document.getElementById("kontroll-rapport");
const button = form.querySelector("button[type=submit]");

const kontroll = new LocalKontroll({
  worker: form.dataset.worker, pyodide: form.dataset.pyodide,
  pyodideIndex: form.dataset.pyodideIndex, archive: form.dataset.archive,
  maxBytes: form.dataset.maxBytes,
}, (name) => {
  if (name === "ready") {
    form.dataset.ready = "1";
    if (!button.disabled) progress.hidden = true;
  }
});

function busy(text) {
  phase.textContent = text;
  progress.hidden = false;
  button.disabled = true;
}

function idle() {
  progress.hidden = true;
  button.disabled = false;
}

function placeResult(stdout) {
  let holder = document.getElementById("kontroll-resultat");
  if (!holder) {
    holder = document.createElement("script");
    holder.type = "application/json";
    holder.id = "kontroll-resultat";
    document.body.append(holder);
  }
  holder.textContent = stdout;
}

async function onSubmit(event) {
  event.preventDefault();
  errorBox.textContent = "";
  const file = form.querySelector("input[type=file]").files[0];
  if (!file) { errorBox.textContent = texts.no_file; return; }
  if (kontroll.tooLarge(file)) { errorBox.textContent = texts.too_large; return; }
  const options = formOptions(form);
  busy(form.dataset.ready ? texts.checking : texts.loading);
  try {
    const data = await file.arrayBuffer();
    const pending = kontroll.run(data, options, "json");
    if (!form.dataset.ready) {
      // Pyodide is still loading; say "checking" once it is there.
      const timer = setInterval(() => {
        if (form.dataset.ready) { phase.textContent = texts.checking; clearInterval(timer); }
      }, 200);
      pending.finally(() => clearInterval(timer));
    }
    const run = await pending;
    if (run.exitCode === 2 || !run.stdout) {
      reportBox.replaceChildren();
      errorBox.textContent = texts.usage.replace("{error}", (run.stderr || "").trim());
      return;
    }
    placeResult(run.stdout);
    const result = JSON.parse(run.stdout);
    const base = `kontrollrapport-${options.skjema}-${options.aar}-${options.kommune}`;
    // The standalone checker's own CSV (the portal report's columns) and HTML report, run
    // again on the same bytes when asked for, in the page's language; the JSON above is
    // always the checker's default (bokmål).
    const lang = document.documentElement.lang.startsWith("en") ? "en" : "";
    const pageOptions = { ...options, lang };
    const links = [];
    if (kontroll.formats.includes("csv")) {
      links.push(downloadLink(async () => (await kontroll.run(data, pageOptions, "csv")).stdout,
        `${base}.csv`, "text/csv;charset=utf-8", texts.csv, "kontroll-csv"));
    }
    if (kontroll.formats.includes("html")) {
      links.push(downloadLink(async () => (await kontroll.run(data, pageOptions, "html")).stdout,
        `${base}.html`, "text/html;charset=utf-8", texts.html, "kontroll-html"));
    }
    renderReport(reportBox, result, texts, links);
    reportBox.dataset.done = String(Number(reportBox.dataset.done || 0) + 1);
  } catch (e) {
    errorBox.textContent = texts.failed.replace("{error}", e.message);
  } finally {
    idle();
  }
}

if (!supported()) {
  document.getElementById("kontroll-unsupported").hidden = false;
  button.disabled = true;
} else {
  form.addEventListener("submit", onSubmit);
  // Start loading Pyodide at once: the first check is then mostly the check itself.
  busy(texts.loading);
  button.disabled = false;
  kontroll.start();
}
