"""Load the packaged embedding model offline and embed one sentence: the image build runs this.

Exits non-zero when the model cannot be loaded without a network (HF_HUB_OFFLINE=1).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ingest.embedder import MiniLMEmbedder, packaged_model_path  # noqa: E402


def main() -> int:
    started = time.perf_counter()
    embedder = MiniLMEmbedder()
    vector = embedder.embed_batch(["How often is supervision held?"])[0]
    if len(vector) != embedder.dimension:
        print(f"model check failed: {len(vector)} dimensions, expected {embedder.dimension}", file=sys.stderr)
        return 1
    print(f"model ok: {embedder.name} ({embedder.dimension} dimensions) from {packaged_model_path()} "
          f"in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
