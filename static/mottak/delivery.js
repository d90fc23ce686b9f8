// Polls the delivery's small JSON endpoint until the verdict is there, then shows it
// without reloading the page.
(function () {
  "use strict";
  var box = document.getElementById("verdict");
  if (!box || box.dataset.final === "1") return;
  var delay = 1000;

  function show(data) {
    var state = document.getElementById("verdict-state");
    state.textContent = data.label;
    state.dataset.state = data.with_warnings && data.state === "accepted"
      ? "accepted_with_warnings" : data.state;
    state.className = "badge " + (data.tone || "info");
    document.getElementById("verdict-message").textContent = data.message;
    var note = document.getElementById("effective-note");
    if (note && data.final) {
      note.textContent = data.effective_note || "";
      note.dataset.effective = data.effective || "none";
    }
    if (data.final) {
      document.getElementById("report-links").hidden = data.has_report === false;
      var waiting = document.getElementById("verdict-waiting");
      if (waiting) waiting.hidden = true;
      box.dataset.final = "1";
    }
  }

  function poll() {
    fetch(box.dataset.url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (data) show(data);
        if (!data || !data.final) {
          delay = Math.min(delay * 1.3, 10000);
          window.setTimeout(poll, delay);
        }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, delay);
})();
