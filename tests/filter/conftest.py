"""filter/ modules import each other by bare name (as the compiler resolves them)."""
import sys
from pathlib import Path

FILTER = Path(__file__).resolve().parents[2] / "filter"
if str(FILTER) not in sys.path:
    sys.path.insert(0, str(FILTER))
