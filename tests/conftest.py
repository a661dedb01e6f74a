import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


@pytest.fixture(scope="session", autouse=True)
def compiled_training_loop():
    """Compile the training loop once, before any test runs a page under a timeout (on a new machine the first
    compile takes tens of seconds; afterwards every process, the test servers' too, loads it from the cache)."""
    from engine.warm import warm

    warm()
