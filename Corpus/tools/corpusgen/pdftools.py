"""The external programs: LibreOffice (soffice), Ghostscript (gs), qpdf, poppler (pdfinfo, pdftotext), img2pdf."""
import hashlib, os, re, subprocess

from .chinese import to_simp

def run(cmd, **kw):
    r = subprocess.run(cmd, capture_output=True, **kw)
    if r.returncode not in (0, 3):  # qpdf exits 3 on warnings
        raise RuntimeError(f"{cmd[0]} failed ({r.returncode}): {r.stderr.decode(errors='replace')[:500]}")
    return r


# PDF export keeping embedded pictures as they are (PNG lossless, JPEG passed through, no downsampling):
# LibreOffice's default re-encodes every picture as JPEG at quality 90.  Only for documents with pictures
# (the other documents keep the default filter, so their bytes do not change).
KEEP_IMAGES = ('pdf:writer_pdf_Export:{"UseLosslessCompression":{"type":"boolean","value":"true"},'
               '"ReduceImageResolution":{"type":"boolean","value":"false"}}')


def soffice_convert(fodts, outdir, profile, chunk=200, pdf_filter="pdf:writer_pdf_Export"):
    """Convert many .fodt files to PDF, batching up to `chunk` files per LibreOffice run (one run pays the
    ~2 s start-up; a single run over 1,000 files was seen to stop converting after ~700).  Files a crash
    left behind are retried with a fresh profile."""
    todo = list(fodts)
    for attempt in range(4):
        if not todo:
            break
        prof = profile if attempt == 0 else f"{profile}_retry{attempt}"
        for i in range(0, len(todo), chunk):
            part = todo[i:i + chunk]
            cmd = ["soffice", "--headless", "--norestore", "--nolockcheck", f"-env:UserInstallation=file://{prof}",
                   "--convert-to", pdf_filter, "--outdir", outdir] + part
            proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
            try:
                proc.wait(timeout=120 + 10 * len(part))
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, 9)   # soffice starts soffice.bin in the same (new) session
                proc.wait()
        todo = [f for f in todo if not os.path.exists(os.path.join(outdir, os.path.basename(f)[:-5] + ".pdf"))]
    if todo:
        raise RuntimeError(f"LibreOffice did not convert {len(todo)} files, e.g. {todo[0]}")


def normalise_pdf(path, key):
    """Fixed dates and /ID (same byte lengths, so the xref stays valid): reruns give identical files."""
    d = open(path, "rb").read()
    d = re.sub(rb"(/(?:CreationDate|ModDate)\(D:)(\d{14})", lambda m: m.group(1) + key["date"].encode(), d)
    h = hashlib.md5(key["name"].encode()).hexdigest().upper().encode()
    d = re.sub(rb"/ID\s*\[\s*<([0-9A-Fa-f]{32})>\s*<([0-9A-Fa-f]{32})>",
               lambda m: m.group(0).replace(m.group(1), h).replace(m.group(2), h), d)
    d = re.sub(rb"/DocChecksum /[0-9A-Fa-f]{32}", b"/DocChecksum /" + b"0" * 32, d)
    d = d.replace(b"/DocChecksum /" + b"0" * 32, b"/DocChecksum /" + hashlib.md5(d).hexdigest().upper().encode())
    open(path, "wb").write(d)


def page_info(path):
    """[(width, height, rotate)] per page, from pdfinfo."""
    out = run(["pdfinfo", "-f", "1", "-l", "999", path]).stdout.decode()
    sizes = [(float(a), float(b)) for a, b in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", out)]
    rots = [int(x) for x in re.findall(r"Page\s+\d+ rot:\s+(\d+)", out)]
    return [(w, h, r) for (w, h), r in zip(sizes, rots)]


def pdftext(path, layout=True, first=None, last=None):
    cmd = ["pdftotext"] + (["-layout"] if layout else []) + (["-f", str(first), "-l", str(last)] if first else []) + [path, "-"]
    return subprocess.run(cmd, capture_output=True).stdout.decode("utf-8", errors="replace")


def find_page(path, needle):
    for i, pg in enumerate(pdftext(path).split("\f"), 1):
        if needle in re.sub(r"\s+", "", to_simp(pg)):
            return i
    raise RuntimeError(f"{needle} not found in {path}")


def landscape_pages(path):
    return [i for i, (w, h, r) in enumerate(page_info(path), 1) if w > h]


def qpdf(*args):
    """qpdf with a content-derived /ID, so that reruns give identical bytes."""
    extra = ["--static-id", "--static-aes-iv"] if "--encrypt" in args else ["--deterministic-id"]
    run(["qpdf"] + extra + list(args))


def distill(pdf, out):
    """Re-distil through Ghostscript: Type1C (CFF) fonts with a custom encoding, like many real PDFs."""
    run(["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pdfwrite", "-dAutoRotatePages=/None",
         "-dOmitInfoDate", "-dOmitID", "-dOmitXMP", "-dCompatibilityLevel=1.6", f"-sOutputFile={out}", pdf])


def wrap_images(imgs, out, year, landscape=False):
    """Page images onto A4 pages (landscape: A4^T) with img2pdf, fixed dates, and img2pdf's random /ID
    dropped (qpdf derives one from the content): reruns give identical bytes."""
    t = out + ".1"
    run(["img2pdf", "--pagesize", "A4^T" if landscape else "A4", "--creationdate", f"{year + 1}-01-20T09:00:00",
         "--moddate", f"{year + 1}-01-20T09:00:00", "-o", t] + imgs)
    d = open(t, "rb").read()
    open(t, "wb").write(re.sub(rb"/ID\s*\[\s*<[0-9a-fA-F]+>\s*<[0-9a-fA-F]+>\s*\]", lambda m: b" " * len(m.group(0)), d))
    qpdf(t, out)
    os.remove(t)
