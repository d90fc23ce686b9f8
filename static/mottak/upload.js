// Encrypts the selected file in the browser (WebCrypto) into the envelope of docs/envelope.md
// and uploads only the ciphertext, with a progress bar. Plaintext never leaves the machine.
(function () {
  "use strict";
  var form = document.getElementById("upload-form");
  if (!form) return;
  var texts = JSON.parse(document.getElementById("upload-texts").textContent);
  var progressBox = document.getElementById("upload-progress");
  var bar = document.getElementById("progress-bar");
  var phase = document.getElementById("upload-phase");
  var errorBox = document.getElementById("upload-error");
  var MAGIC = new TextEncoder().encode("KOSTRA-ENVELOPE\n");
  // The button is disabled in the HTML: without this script nothing can be sent.
  form.querySelector("button[type=submit]").disabled = false;
  var yearSelect = form.querySelector("select[name=aar]");
  var reception = document.getElementById("reception");

  // Say whether the chosen year's reception is open before a file is chosen.
  function showReception() {
    if (!yearSelect || !reception) return;
    var option = yearSelect.options[yearSelect.selectedIndex];
    reception.textContent = option.dataset.message || "";
    reception.dataset.reception = option.dataset.reception || "";
    reception.className = "message " + (option.dataset.reception === "not_open" ? "info" : "warning");
    reception.hidden = !option.dataset.message;
  }
  if (yearSelect) yearSelect.addEventListener("change", showReception);

  function hexToBytes(hex) {
    var out = new Uint8Array(hex.length / 2);
    for (var i = 0; i < out.length; i++) out[i] = parseInt(hex.substr(i * 2, 2), 16);
    return out;
  }

  function isEnvelope(data) {
    if (data.byteLength < MAGIC.length) return false;
    var head = new Uint8Array(data, 0, MAGIC.length);
    return head.every(function (b, i) { return b === MAGIC[i]; });
  }

  function showError(message) {
    errorBox.textContent = message;
    progressBox.hidden = true;
    form.querySelector("button[type=submit]").disabled = false;
  }

  async function buildEnvelope(data, fields) {
    var header = new TextEncoder().encode(JSON.stringify({
      aar: fields.aar, del: fields.part, format: 1, key_id: form.dataset.keyId,
      kommune: form.dataset.kommune, size: data.byteLength, skjema: fields.skjema
    }));
    var publicKey = await crypto.subtle.importKey(
      "spki", hexToBytes(form.dataset.keySpki), { name: "RSA-OAEP", hash: "SHA-256" },
      false, ["encrypt"]);
    var fileKey = await crypto.subtle.generateKey({ name: "AES-GCM", length: 256 }, true,
      ["encrypt"]);
    var rawKey = await crypto.subtle.exportKey("raw", fileKey);
    var wrapped = new Uint8Array(await crypto.subtle.encrypt({ name: "RSA-OAEP" }, publicKey,
      rawKey));
    var nonce = crypto.getRandomValues(new Uint8Array(12));
    var ciphertext = new Uint8Array(await crypto.subtle.encrypt(
      { name: "AES-GCM", iv: nonce, additionalData: header, tagLength: 128 }, fileKey, data));
    var lengths = new DataView(new ArrayBuffer(6));
    lengths.setUint32(0, header.length);
    lengths.setUint16(4, wrapped.length);
    return new Blob([MAGIC, new Uint8Array(lengths.buffer, 0, 4), header,
      new Uint8Array(lengths.buffer, 4, 2), wrapped, nonce, ciphertext],
      { type: "application/octet-stream" });
  }

  function send(blob, fields) {
    var body = new FormData();
    body.append("csrfmiddlewaretoken", form.querySelector("[name=csrfmiddlewaretoken]").value);
    body.append("skjema", fields.skjema);
    body.append("aar", String(fields.aar));
    body.append("del", fields.part);
    if (fields.checkOnly) body.append("check_only", "1");
    if (fields.declarePart) body.append("declare_part", "1");
    var kommune = form.querySelector("[name=kommune]");
    if (kommune) body.append("kommune", kommune.value);
    body.append("file", blob, "fil.kostra");
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.upload.onprogress = function (e) {
      if (e.lengthComputable) bar.value = Math.round((e.loaded / e.total) * 100);
    };
    xhr.onload = function () {
      var reply = {};
      try { reply = JSON.parse(xhr.responseText); } catch (e) { /* not JSON */ }
      if (xhr.status >= 200 && xhr.status < 300 && reply.redirect) {
        bar.value = 100;
        phase.textContent = texts.done;
        window.location.assign(reply.redirect);
      } else {
        showError(reply.error || texts.failed);
      }
    };
    xhr.onerror = function () { showError(texts.failed); };
    phase.textContent = texts.uploading;
    bar.value = 0;
    xhr.send(body);
  }

  form.addEventListener("submit", async function (event) {
    event.preventDefault();
    errorBox.textContent = "";
    var file = document.getElementById("file").files[0];
    if (!file) return;
    if (!window.crypto || !crypto.subtle) { showError(texts.nocrypto); return; }
    if (file.size === 0) { showError(texts.empty); return; }
    if (file.size > Number(form.dataset.maxBytes)) { showError(texts.toolarge); return; }
    var fields = {
      skjema: form.querySelector("[name=skjema]").value,
      aar: parseInt(form.querySelector("[name=aar]").value, 10),
      part: form.querySelector("[name=del]").value.trim().toLowerCase(),
      checkOnly: form.querySelector("[name=check_only]").checked,
      declarePart: form.querySelector("[name=declare_part]").checked
    };
    form.querySelector("button[type=submit]").disabled = true;
    progressBox.hidden = false;
    phase.textContent = texts.encrypting;
    bar.removeAttribute("value");
    try {
      var data = await file.arrayBuffer();
      var blob;
      if (isEnvelope(data)) {
        // Already encrypted (e.g. by kostra_krypter.py): send it as it is, never twice.
        phase.textContent = texts.already;
        blob = new Blob([data], { type: "application/octet-stream" });
      } else {
        blob = await buildEnvelope(data, fields);
      }
      data = null;
      send(blob, fields);
    } catch (e) {
      showError(texts.failed);
    }
  });
})();
