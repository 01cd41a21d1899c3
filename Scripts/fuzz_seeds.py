#!/usr/bin/env python3
"""Writes the seed corpus of the libFuzzer target (Fuzz/) from the repository's text and web reports.

The target reads its first byte as the reader to use (`H` the HTML reader, anything else the text
reader) and the rest as the document, so every Corpus/*.txt becomes `T` + its bytes and every
Corpus/*.html `H` + its bytes, plus a few small hand-made inputs (an empty document, a lone table row,
a row of many numbers). The directory is made, not committed: it is a few dozen files generated anew.

    python3 Scripts/fuzz_seeds.py Fuzz/seeds
"""

import argparse
import hashlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Small inputs that reach the table readers and the placement search at once.
EXTRA = [
    b"T",
    b"H<html><body></body></html>",
    "T（一）主动公开政府信息情况\n第二十条第（一）项\n信息内容 本年制发件数 本年废止件数 现行有效件数\n规章 1 2 3\n".encode(),
    ("T三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量 "
     + " ".join(str(i) for i in range(40)) + "\n").encode(),
    ("H<table><tr><td>一、本年新收政府信息公开申请数量</td>"
     + "".join(f"<td>{i}</td>" for i in range(12)) + "</tr></table>").encode(),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dir", type=Path, help="seed directory to write (made if missing)")
    args = parser.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    seeds = []
    for path in sorted((ROOT / "Corpus").iterdir()):
        if path.suffix == ".txt":
            seeds.append(b"T" + path.read_bytes())
        elif path.suffix in (".html", ".htm"):
            seeds.append(b"H" + path.read_bytes())
    seeds = sorted(set(seeds + EXTRA))
    for seed in seeds:
        (args.dir / hashlib.sha1(seed).hexdigest()).write_bytes(seed)
    print(f"fuzz_seeds: {len(seeds)} seeds in {args.dir}")


if __name__ == "__main__":
    main()
