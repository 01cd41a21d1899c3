#!/usr/bin/env python3
"""Generates synthetic 政府信息公开工作年度报告 PDFs plus their ground truth (expected JSON).

    make_corpus.py                      # (re)write the committed corpus: Corpus/pdf_*.pdf and ocr_*.pdf, Corpus/expected/*.json
    make_corpus.py --only NAME ...      # only some corpus documents (names without .pdf)
    make_corpus.py --list               # what each corpus document exercises
    make_corpus.py --check [--no-build] # read every corpus PDF back and compare it with its expected file
    make_corpus.py --bench N --out DIR  # N random valid text-layer reports: DIR/*.pdf, DIR/expected/*.json
    make_corpus.py --bench N --out DIR --check --no-build   # verify a benchmark set

Python 3 standard library, and Pillow for the OCR documents (scans, tables pasted as pictures); when the
python3 on PATH has no Pillow (a pyenv one), the script runs itself again with /usr/bin/python3 (Debian's,
with python3-pil).  Needs the command-line tools of the Debian packages listed in .ci/corpus-packages.txt:
LibreOffice Writer (soffice), fonts-noto-cjk, qpdf, poppler-utils, img2pdf, ghostscript, python3-pil.
The work is done by the modules of corpusgen/ beside this file (its docstring lists them).

Why the expected values are computed independently of the Swift code.  An expected file is the
generator's truth, never nianbao's output: every document starts from a dict field id (fields.tsv) ->
number drawn from a seeded random generator so that all the template's identities hold (for some
documents then broken on purpose), that truth is printed into the PDF, and the expected JSON is written
from it.  The golden tests then compare two independent readings of each document, what was printed and
what nianbao reads back; expected files made by running nianbao would only show that nianbao agrees with
itself.  Nothing here runs or copies the Swift code.

How it works.  Each report is rendered as a flat ODF text document (.fodt; a Word/WPS-like layout) and
converted with `soffice --headless --convert-to pdf`, up to 200 files per LibreOffice run.  Part of the
corpus is then re-distilled through Ghostscript (a second producer), and qpdf / poppler / img2pdf make the
rotated, sideways, encrypted, truncated, scanned and garbled variants.  The OCR documents (ocr_*.pdf, and
pdf_28) are scans degraded like paper through a scanner (corpusgen/scan.py: gray, colour or 1-bit, noise,
blur, skew, specks, a red seal, JPEG), text PDFs with tables pasted as pictures, and PDFs whose fonts lost
their ToUnicode maps; their text PDF is read back before its text is taken away.  Dates, /ID and /DocChecksum are
normalised, so reruns give byte-identical files on the same machine set-up (checked with LibreOffice 7.4,
Ghostscript 10.0, qpdf 11.3 on Debian 12; Ghostscript's subset-font name prefixes change when the set of
installed fonts changes, which changes the distilled files' bytes but not their content).

--check reads each PDF back with `pdftotext -layout` (the numeric cells of tables 二, 三, 四 in reading
order, rebuilt from the expected JSON on disk and the document's formatting options) and with
`pdftotext -bbox` (each table 三 number's column, from the x position of the header words), and
recomputes the declared violations (also with the shared identities.py, ../shared/tools/ beside the
repository or --identities, when present).  An OCR document's numbers cannot be read back with pdftotext:
for it --check confirms what can be (a scan: no font, no text, one image a page at the profile's
resolution, colour and size; a garbled PDF: fonts without ToUnicode, no report word in its text; tables
pasted as pictures: their pictures, none of their words in the text, the other tables' numbers), and
building it reads its text PDF back first.

Body names are real-sounding; ALL NUMBERS ARE SYNTHETIC.
"""
import argparse, os, sys, time

sys.dont_write_bytecode = True  # no __pycache__ in the checkout
SYSTEM_PYTHON = "/usr/bin/python3"
try:
    import PIL  # noqa: F401  (Pillow: the OCR documents)
except ImportError:
    if (os.path.exists(SYSTEM_PYTHON) and not os.environ.get("NIANBAO_CORPUS_REEXEC")
            and os.path.realpath(sys.executable) != os.path.realpath(SYSTEM_PYTHON)):
        os.environ["NIANBAO_CORPUS_REEXEC"] = "1"   # once: a /usr/bin/python3 without Pillow must not loop
        os.execv(SYSTEM_PYTHON, [SYSTEM_PYTHON, os.path.abspath(__file__)] + sys.argv[1:])
from corpusgen import CORPUS, IDENTITIES  # noqa: E402  (corpusgen/ is beside this file, on sys.path)
from corpusgen.check import check_all  # noqa: E402
from corpusgen.render import build  # noqa: E402
from corpusgen.variants import bench_specs, corpus_specs  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", help="output directory (default: the Corpus directory next to tools/)")
    ap.add_argument("--bench", type=int, metavar="N", help="write N random benchmark documents instead of the corpus")
    ap.add_argument("--only", nargs="*", help="corpus documents to (re)build")
    ap.add_argument("--check", action="store_true", help="read the PDFs back and compare with the expected files")
    ap.add_argument("--no-build", action="store_true", help="with --check: only check")
    ap.add_argument("--jobs", type=int, default=1, help="parallel LibreOffice processes (default 1)")
    ap.add_argument("--keep-tmp", action="store_true", help="keep the .fodt sources and the LibreOffice profile")
    ap.add_argument("--list", action="store_true", help="list the corpus documents and what each exercises")
    ap.add_argument("--identities", default=IDENTITIES, metavar="PATH",
                    help="with --check: the shared identities.py, used when it exists (default: %(default)s)")
    a = ap.parse_args()
    if a.list:
        for s in corpus_specs():
            print(f"{s.name}.pdf\t{s.template} {s.year}\t{s.note}")
        return
    if a.bench:
        if not a.out:
            ap.error("--bench needs --out DIR")
        specs = bench_specs(a.bench)
        outdir, expdir = a.out, os.path.join(a.out, "expected")
    else:
        specs = corpus_specs()
        if a.only:
            specs = [s for s in specs if s.name in a.only or s.name + ".pdf" in a.only]
        outdir = a.out or CORPUS
        expdir = os.path.join(outdir, "expected")
    if not a.no_build:
        t0 = time.time()
        t_lo = build(specs, outdir, expdir, a.keep_tmp, a.jobs)
        dt = time.time() - t0
        total = sum(os.path.getsize(os.path.join(outdir, s.name + ".pdf")) for s in specs)
        print(f"wrote {len(specs)} documents ({total / 1e6:.2f} MB) to {outdir} in {dt:.1f} s "
              f"(LibreOffice {t_lo:.1f} s)", file=sys.stderr)
    if a.check:
        bad = check_all(specs, outdir, expdir, verbose=not a.bench, identities=a.identities)
        print(f"check: {len(specs) - bad}/{len(specs)} documents agree with their expected files", file=sys.stderr)
        sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
