// Runs kontroll in the browser: Pyodide (Python compiled to WebAssembly) with the standalone
// checker's archive (build/kostra_kontroll.pyz, the same kontroll package the portal's worker
// runs). It calls kontroll.cli.main exactly as `python -m kontroll` does and hands back what
// it printed; no rule lives here. The file never leaves this worker: it makes no requests
// except loading Pyodide and the archive from the portal.
//
// Messages in:  {type: "init", pyodide, pyodideIndex, archive}
//               {type: "check", id, data: ArrayBuffer, argv: [...options]}
// Messages out: {type: "progress", phase}   ("loading"; "ready" with the checker's formats)
//               {type: "result", id, exitCode, stdout (UTF-8 bytes), stderr}
//               {type: "error", id, message}
"use strict";

const INPUT = "/tmp/kontroll-input";
const ARCHIVE = "/lib/kostra_kontroll.pyz";
// Calls the checker's own entry point, capturing stdout and stderr as the command line would.
const RUNNER = `
import contextlib, io, sys
sys.path.insert(0, ${JSON.stringify(ARCHIVE)})
from kontroll.cli import FORMATS as _kontroll_formats, main as _kontroll_main

def _kontroll_run(argv):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = _kontroll_main(list(argv))
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 2
    # Bytes cross into JavaScript as one copy; a large str converts slowly.
    return [code, out.getvalue().encode(), err.getvalue()]
`;

let ready = null;

async function init(msg) {
  postMessage({ type: "progress", phase: "loading" });
  const { loadPyodide } = await import(msg.pyodide);
  const [pyodide, archive] = await Promise.all([
    loadPyodide({ indexURL: msg.pyodideIndex, stdout: () => {}, stderr: () => {} }),
    fetch(msg.archive).then((r) => {
      if (!r.ok) throw new Error(`kontroll archive: HTTP ${r.status}`);
      return r.arrayBuffer();
    }),
  ]);
  pyodide.FS.writeFile(ARCHIVE, new Uint8Array(archive));
  pyodide.runPython(RUNNER);
  const run = pyodide.globals.get("_kontroll_run");
  const formats = pyodide.globals.get("_kontroll_formats").toJs();
  postMessage({ type: "progress", phase: "ready", formats });
  return { pyodide, run };
}

async function check(msg) {
  const { pyodide, run } = await ready;
  pyodide.FS.writeFile(INPUT, new Uint8Array(msg.data));
  try {
    const result = run([INPUT, ...msg.argv]);
    const [exitCode, stdout, stderr] = result.toJs();
    result.destroy();
    // stdout as UTF-8 bytes, handed over without a copy; the page decodes it.
    postMessage({ type: "result", id: msg.id, exitCode, stdout, stderr }, [stdout.buffer]);
  } finally {
    pyodide.FS.unlink(INPUT);
  }
}

self.onmessage = (event) => {
  const msg = event.data;
  if (msg.type === "init") {
    if (!ready) ready = init(msg);
    ready.catch((e) => postMessage({ type: "error", id: null, message: String(e) }));
  } else if (msg.type === "check") {
    if (!ready) {
      postMessage({ type: "error", id: msg.id, message: "not initialised" });
      return;
    }
    check(msg).catch((e) => postMessage({ type: "error", id: msg.id, message: String(e) }));
  }
};
