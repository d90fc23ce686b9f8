// "Kontroller først" on the upload page: runs the same local check as /kontroller/ (kontroll
// in Pyodide in a Web Worker, kontroll-local.js) on the chosen file before it is encrypted,
// and shows the verdict. Sending stays with the form's own button; the server's control after
// the upload is the one that counts.
const form = document.getElementById("upload-form");
const box = document.getElementById("local-check");
// kontroll-local.js by its static URL (a hashed name in production, like this file's).
const { LocalKontroll, renderReport, severityCounts, supported } = box
  ? await import(box.dataset.local) : {};
if (form && box && supported()) {
  const texts = JSON.parse(document.getElementById("kontroll-texts").textContent);
  const button = document.getElementById("local-check-button");
  const status = document.getElementById("local-check-status");
  const details = document.getElementById("local-check-report");
  const kontroll = new LocalKontroll({
    worker: box.dataset.worker, pyodide: box.dataset.pyodide,
    pyodideIndex: box.dataset.pyodideIndex, archive: box.dataset.archive,
    maxBytes: box.dataset.maxBytes,
  }, (phase) => { if (phase === "ready") status.textContent = texts.checking; });

  // The bydel the server controls an Oslo delivery with: a two-digit "del", else the user's
  // own bydel (see mottak.services.deliveries.submission_create).
  function bydel() {
    if (form.dataset.kommune !== box.dataset.oslo) return "";
    const part = form.querySelector("[name=del]").value.trim();
    return /^\d\d$/.test(part) ? part : box.dataset.userBydel || "";
  }

  button.addEventListener("click", async () => {
    const file = document.getElementById("file").files[0];  // the input has no name (never posted)
    status.className = "";
    details.replaceChildren();
    if (!file) { status.textContent = texts.no_file; return; }
    if (kontroll.tooLarge(file)) { status.textContent = texts.too_large; return; }
    const options = {
      skjema: form.querySelector("[name=skjema]").value,
      aar: form.querySelector("[name=aar]").value.trim(),
      kommune: form.dataset.kommune, bydel: bydel(), ingenDeltakere: false,
    };
    button.disabled = true;
    status.textContent = kontroll.formats.length ? texts.checking : texts.loading;
    try {
      const run = await kontroll.run(await file.arrayBuffer(), options, "json");
      if (run.exitCode === 2 || !run.stdout) {
        status.className = "error";
        status.textContent = texts.usage.replace("{error}", (run.stderr || "").trim());
        return;
      }
      const result = JSON.parse(run.stdout);
      const counts = severityCounts(result);
      const errors = (counts.FATAL || 0) + (counts.ERROR || 0);
      let verdict = texts.local_ok.replace("{n}", result.records);
      if (!result.accepted) verdict = texts.local_err.replace("{e}", errors);
      else if (counts.WARNING) {
        verdict = texts.local_warn.replace("{w}", counts.WARNING).replace("{n}", result.records);
      }
      status.className = result.accepted ? "message success" : "message error";
      status.dataset.accepted = String(result.accepted);
      status.textContent = `${verdict} ${texts.local_note}`;
      renderReport(details, result, texts, []);
    } catch (e) {
      status.className = "error";
      status.textContent = texts.failed.replace("{error}", e.message);
    } finally {
      button.disabled = false;
    }
  });
  box.hidden = false;
}
