"""Where the parts of a scan run: this machine's processes, or the workers of a Dask cluster.

Both yield each task with its outcome, or the exception that stopped it, as parts
finish; the driver puts them back in order. A local worker process that dies
(killed, out of memory) breaks the whole pool: the parts it took down are tried once
more in a new pool, and reported as failed if they break it again. Dask reschedules
the tasks of a worker that dies by itself, and gives up on a task after its own
number of tries (``distributed.scheduler.allowed-failures``).
"""

from __future__ import annotations

import gc
import multiprocessing
import uuid
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from framing.scan.work import PartOutcome, Task, linter_for, scan_part

Outcome = PartOutcome | BaseException


def run_local(tasks: Sequence[Task], jobs: int) -> Iterator[tuple[Task, Outcome]]:
    """Yield each of ``tasks`` with its outcome, scanned in ``jobs`` processes (in this one when ``jobs`` is 1).

    With ``fork``, the linters are built here first and this process's objects frozen
    out of the garbage collector while the workers start (as ``framing lint --jobs``
    does), so no worker builds a linter or copies memory it only reads.
    """
    if jobs <= 1 or len(tasks) <= 1:
        for task in tasks:
            try:
                yield task, scan_part(task)
            except Exception as error:  # reported for its part; the other parts go on
                yield task, error
        return
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    if context.get_start_method() == "fork":
        for task in tasks:
            linter_for(task.settings, task.builtin)
    pending = list(tasks)
    for attempt in range(2):
        broken: list[Task] = []
        gc.freeze()
        try:
            with ProcessPoolExecutor(max_workers=min(jobs, len(pending)), mp_context=context) as pool:
                futures: dict[Future[PartOutcome], Task] = {pool.submit(scan_part, task): task for task in pending}
                waiting = set(futures)
                while waiting:
                    done, waiting = wait(waiting, return_when=FIRST_COMPLETED)
                    for future in done:
                        task = futures[future]
                        failure = future.exception()
                        if isinstance(failure, BrokenProcessPool) and attempt == 0:
                            broken.append(task)
                        elif failure is not None:
                            yield task, failure
                        else:
                            yield task, future.result()
        finally:
            gc.unfreeze()
        if not broken:
            return
        pending = sorted(broken, key=lambda task: task.key)


def run_dask(tasks: Sequence[Task], scheduler: str) -> Iterator[tuple[Task, Outcome]]:
    """Yield each of ``tasks`` with its outcome, scanned on the Dask cluster whose scheduler is at ``scheduler``.

    The workers must have `framing` with the ``scan`` extra installed and see the dumps
    and the output folder at the same paths as this machine (a shared file system).
    Leaves the cluster running: it is not this scan's to stop.
    """
    # here for start-up speed: distributed takes a second to import, and only --scheduler needs it
    from distributed import Client, as_completed

    run = uuid.uuid4().hex[:8]
    with Client(scheduler) as client:  # the default client while it runs: as_completed() looks for one
        futures = {
            client.submit(scan_part, task, key=f"framing-scan-{run}-{task.key}", pure=False, retries=1): task for task in tasks
        }
        for future in as_completed(futures):
            task = futures[future]
            try:
                yield task, future.result()
            except Exception as error:  # KilledWorker, or what the task raised: reported for its part
                yield task, error
