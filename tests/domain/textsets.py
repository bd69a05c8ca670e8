"""Lists of texts in tests/data (one per line; lines starting with '#' describe the list)."""

from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data"


def texts_in(folder: str) -> list[str]:
    """Every text of every `*.txt` file of tests/data/<folder>, in file order."""
    texts = []
    for path in sorted((DATA / folder).glob("*.txt")):
        lines = path.read_text(encoding="utf-8").splitlines()
        texts += [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    return texts
