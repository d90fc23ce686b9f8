"""Load-and-fault benchmark of the production stack. Run by hand; prints figures.

    .venv/bin/python bench/load_fault_bench.py                     # 300 deliveries, 16 clients
    .venv/bin/python bench/load_fault_bench.py --deliveries 60 --clients 4 --wait 120
    .venv/bin/python bench/load_fault_bench.py --json              # figures as one JSON object

Starts the stack the smoke test starts (tests/smoke/stack.py: exactly docker-compose.yml's
commands outside Docker) on loopback only: gunicorn web, `--workers` rq workers, the
scheduler, a PostgreSQL database of its own and a redis-server of its own with compose's AOF
settings, supervised with compose's restart policy (an exited `unless-stopped` service is
started again, as Docker would). Then `--clients` threads post `--deliveries` API deliveries of
`--records` valid 11F 2020 records each (kontroll.samples, one file per client, encrypted
afresh for every post with krypter's code against the portal's key endpoint). After a third
of the posts one worker is SIGKILLed (its whole process group, as a dying container); after
two thirds Redis is restarted (SIGTERM, as `docker restart`, then started again on the same
port and data). It then watches the database until every delivery has a verdict or `--wait`
seconds have passed since the last post, stops everything and prints:

- POST p50/p95 (seconds, 202 answers) and the number of failed posts;
- time to verdict p50/p95 (from the 202 answer until the state is accepted/rejected/failed,
  observed once a second) over the deliveries that got one;
- throughput: posts per second while posting, verdicts per second from first post to last
  verdict;
- the number without verdict `--wait` seconds after the last post, and the restarts made by
  the restart policy.

Environment as for the smoke test (SMOKE_POSTGRES_URL, SMOKE_WEB_PORT, SMOKE_REDIS_PORT,
SMOKE_DB_PREFIX). Targets (issue 11): 0 without verdict within 5 minutes, p95 under 60 s.

Figures on branch ops (before the reliability work of issue 11), 2-core machine shared with
other work, defaults: with the restart policy, 297 and 299 of 300 accepted, 3 and 1 left
"received" (queued while Redis was down; the sweep takes only deliveries older than 15
minutes); POST p50 0.56/0.69 s, p95 0.73/0.94 s; time to verdict p50 35/37 s, p95 55/59 s;
22-28 posts/s, 4.0-4.4 verdicts/s. With --no-restart both workers are gone after the Redis
restart (the killed one and the one that exits on the lost connection): 23 of 300 verdicts,
277 left "received".
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import shutil
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.smoke.run import (  # noqa: E402 - after the path set-up
    AAR,
    KOMMUNE,
    post_delivery,
    prepare,
    start_services,
    step,
    translation,
)
from tests.smoke.stack import ComposeStack, StackError, stop_on_signals  # noqa: E402

FINAL = ("accepted", "rejected", "failed")


def _krypter():
    spec = importlib.util.spec_from_file_location(
        "kostra_krypter", ROOT / "krypter/kostra_krypter.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def percentile(values: list[float], share: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


class Load:
    """The clients, the fault injection at a third and two thirds, and what they saw."""

    def __init__(self, stack: ComposeStack, procs: dict, tokens: list[str], files: list[bytes]):
        self.stack, self.procs, self.tokens, self.files = stack, procs, tokens, files
        self.krypter = _krypter()
        self.key = self.krypter.load_public_key(f"{stack.t.variables['SITE_URL']}/api/v1/keys/")
        self.lock = threading.Lock()
        self.posted: dict[int, float] = {}  # delivery id -> time of the 202
        self.post_seconds: list[float] = []
        self.post_errors: list[str] = []
        self.count = 0
        self.faults: list[tuple[str, float]] = []
        self.fault_threads: list[threading.Thread] = []

    def run(self, total: int) -> tuple[float, float]:
        clients = len(self.tokens)
        shares = [total // clients + (i < total % clients) for i in range(clients)]
        threads = [
            threading.Thread(target=self._client, args=(i, n), daemon=True)
            for i, n in enumerate(shares)
        ]
        self.total = total
        started = time.time()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        finished = time.time()
        for thread in self.fault_threads:
            thread.join()
        return started, finished

    def _client(self, index: int, n: int) -> None:
        base = self.stack.t.variables["SITE_URL"]
        for _ in range(n):
            envelope = self.krypter.encrypt(
                self.files[index], self.key, skjema="11F", aar=AAR, kommune=KOMMUNE
            )
            t0 = time.time()
            try:
                answer = post_delivery(base, self.tokens[index], envelope)
            except (StackError, OSError) as err:
                with self.lock:
                    self.post_errors.append(str(err)[:200])
                    self._count()
                continue
            t1 = time.time()
            with self.lock:
                self.posted[answer["id"]] = t1
                self.post_seconds.append(t1 - t0)
                self._count()

    def _count(self) -> None:
        self.count += 1
        if self.count == self.total // 3:
            self._fault("kill worker-1", self._kill_worker)
        elif self.count == 2 * self.total // 3:
            self._fault("restart redis", self._restart_redis)

    def _fault(self, name: str, action) -> None:
        self.faults.append((name, time.time()))
        thread = threading.Thread(target=action, daemon=True)
        self.fault_threads.append(thread)
        thread.start()

    def _kill_worker(self) -> None:
        self.stack.kill(self.procs["worker"][0])

    def _restart_redis(self) -> None:
        redis = next(p for p in self.stack.procs if p.name == "redis")
        self.stack.redis_restart(redis)


def watch(stack: ComposeStack, posted: dict[int, float], *, until: float) -> dict[int, tuple]:
    """Poll the database once a second: delivery id -> (state, time first seen final)."""
    seen: dict[int, tuple[str, float]] = {}
    conn = stack.database_connect()
    conn.autocommit = True
    try:
        while time.time() < until and len(seen) < len(posted):
            with conn.cursor() as cur:
                cur.execute(
                    "SELECT id, state FROM mottak_delivery WHERE state = ANY(%s)", (list(FINAL),)
                )
                now = time.time()
                for pk, state in cur.fetchall():
                    if pk in posted and pk not in seen:
                        seen[pk] = (state, now)
            time.sleep(1)
    finally:
        conn.close()
    return seen


def pending_states(stack: ComposeStack, ids: set[int]) -> dict[str, int]:
    """The states the deliveries without a verdict were left in."""
    if not ids:
        return {}
    conn = stack.database_connect()
    try:
        with conn.cursor() as cur:
            cur.execute(
                "SELECT state, count(*) FROM mottak_delivery WHERE id = ANY(%s) GROUP BY state",
                (sorted(ids),),
            )
            return dict(cur.fetchall())
    finally:
        conn.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deliveries", type=int, default=300)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--records", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--wait", type=float, default=300, help="seconds after the last post")
    parser.add_argument(
        "--no-restart",
        action="store_true",
        help="do not apply compose's restart policy (a dead worker stays dead)",
    )
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the logs (prints the folder)")
    args = parser.parse_args(argv)
    if args.workers < 1 or args.clients < 1 or args.deliveries < 3:
        parser.error("need at least one worker, one client and three deliveries")

    from kontroll.samples import generate_file

    # Bounded: set-up, posting and the wait, with room to spare; then everything is stopped.
    stop_on_signals(budget_seconds=args.wait + 900)
    t = translation("kostra-bench")
    # Each client posts far more than a kommune's system would in a minute: lift the per-user
    # upload throttle (compose reads API_UPLOADS_PER_MINUTE) so that the bench measures the
    # pipeline, not the throttle's 429 answers.
    t.variables["API_UPLOADS_PER_MINUTE"] = str(args.deliveries)
    stack = ComposeStack(t, supervise=not args.no_restart)
    try:
        usernames = [f"bench-{i + 1:02d}" for i in range(args.clients)]
        tokens = prepare(stack, usernames=usernames)
        procs = start_services(stack, workers=args.workers)
        step(f"generating {args.clients} files of {args.records} records")
        files = [
            generate_file("11F", AAR, KOMMUNE, n=args.records, seed=i) for i in range(args.clients)
        ]
        load = Load(stack, procs, [tokens[u] for u in usernames], files)
        step(f"posting {args.deliveries} deliveries from {args.clients} clients")
        started, finished = load.run(args.deliveries)
        step(f"posted in {finished - started:.1f} s; waiting up to {args.wait:.0f} s for verdicts")
        seen = watch(stack, load.posted, until=finished + args.wait)
        figures = _figures(load, seen, started, finished, args)
        figures["without_verdict_states"] = pending_states(stack, set(load.posted) - set(seen))
        figures["restarts"] = {p.name: p.restarts for p in stack.procs if p.restarts}
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 1
    except StackError as err:
        print(f"FAILED: {err}\n{stack.logs()}", file=sys.stderr)
        return 1
    finally:
        stack.close()
        if args.keep:
            print(f"logs kept in {stack.logs_dir}", file=sys.stderr)
        else:
            shutil.rmtree(stack.t.workdir, ignore_errors=True)
    _print(figures, as_json=args.json)
    return 0


def _figures(load: Load, seen: dict, started: float, finished: float, args) -> dict:
    verdict_seconds = [seen[pk][1] - t for pk, t in load.posted.items() if pk in seen]
    states: dict[str, int] = {}
    for state, _t in seen.values():
        states[state] = states.get(state, 0) + 1
    last_verdict = max((t for _s, t in seen.values()), default=finished)
    return {
        "deliveries": args.deliveries,
        "clients": args.clients,
        "records": args.records,
        "workers": args.workers,
        "posted": len(load.posted),
        "post_errors": len(load.post_errors),
        "post_p50": percentile(load.post_seconds, 0.50),
        "post_p95": percentile(load.post_seconds, 0.95),
        "posts_per_second": len(load.posted) / max(finished - started, 1e-9),
        "verdict_p50": percentile(verdict_seconds, 0.50),
        "verdict_p95": percentile(verdict_seconds, 0.95),
        "verdicts_per_second": len(seen) / max(last_verdict - started, 1e-9),
        "verdicts": states,
        "without_verdict": len(load.posted) - len(seen),
        "wait_seconds": args.wait,
        "faults": {name: round(t - started, 1) for name, t in load.faults},
        "first_post_errors": load.post_errors[:3],
    }


def _print(figures: dict, *, as_json: bool) -> None:
    if as_json:
        print(json.dumps(figures, indent=2))
        return

    def s(value: float | None) -> str:
        return "-" if value is None else f"{value:.2f} s"

    print(
        f"\n{figures['posted']} of {figures['deliveries']} deliveries posted "
        f"({figures['records']} records, {figures['clients']} clients, "
        f"{figures['workers']} workers); {figures['post_errors']} posts failed"
    )
    print(f"faults (s after first post): {figures['faults']}; restarts: {figures['restarts']}")
    print(f"POST            p50 {s(figures['post_p50'])}   p95 {s(figures['post_p95'])}")
    print(f"time to verdict p50 {s(figures['verdict_p50'])}   p95 {s(figures['verdict_p95'])}")
    print(
        f"throughput      {figures['posts_per_second']:.1f} posts/s, "
        f"{figures['verdicts_per_second']:.2f} verdicts/s"
    )
    print(f"verdicts        {figures['verdicts']}")
    print(
        f"without verdict {figures['without_verdict']} "
        f"({figures['wait_seconds']:.0f} s after the last post) "
        f"{figures['without_verdict_states'] or ''}"
    )
    if figures["first_post_errors"]:
        print("first post errors:", *figures["first_post_errors"], sep="\n  ")


if __name__ == "__main__":
    sys.exit(main())
