"""The web app with three proposed server settings, for comparison in the soak (not how `make run` serves).

    python -m bench.tuned_serve INDEX_DIR --port 7862

1. `torch.set_num_threads(1)`: the server already answers two questions at once (one per core); two
   intra-op threads each oversubscribe the cores and every worker thread gets its own OpenMP pool.
2. `state_session_capacity = 500`: Gradio keeps a copy of every block's config per session, for up
   to 10,000 sessions by default (about 0.1 MB each with this app's Blocks).
3. `GRADIO_ANALYTICS_MAX_EVENTS=1000`: Gradio's in-memory per-event records (10,000 by default).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

SESSIONS = 500
EVENTS = "1000"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("index_dir", type=Path)
    p.add_argument("--port", type=int, default=7862)
    args = p.parse_args(argv)
    os.environ.setdefault("GRADIO_ANALYTICS_MAX_EVENTS", EVENTS)
    import torch

    torch.set_num_threads(1)
    from chat import app as web
    from chat.engine import Engine
    from chat.web import run

    demo = web.build_app(Engine.load(args.index_dir), Path(tempfile.mkdtemp()) / "fb.sqlite3")
    demo.state_session_capacity = SESSIONS  # read when the server is created, in chat/web.py's create_server
    run(demo, host="127.0.0.1", port=args.port)
    return 0


if __name__ == "__main__":
    sys.exit(main())
