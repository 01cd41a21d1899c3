"""Scan degradation: a text PDF's pages rasterised by poppler (pdftoppm) and made to look like a paper
copy put through a scanner (Pillow), then wrapped page by page into an image-only PDF by img2pdf; and
the tables of a report rendered to pictures (pasted into an otherwise text PDF).

What a scan profile (a dict, the second element of a post-processing step ("ocrscan", {...})) can ask
for, in the order a page goes through it:

    dpi       resolution of the page images: an A4 page becomes round(21.0 cm × dpi) × round(29.7 cm × dpi)
              pixels, and img2pdf puts it on an A4 page, so pixels / page size = dpi
    mode      "gray" (8-bit, JPEG), "rgb" (colour, JPEG) or "bw" (1-bit, CCITT G4 like an office
              scanner's black & white mode)
    paper     the paper's level (gray) or colour (rgb), e.g. 242 or (247, 241, 222): never pure white
    ink       the level of printed black (contrast loss: 0 becomes this), e.g. 35
    seal      {"text": ..., "over": "t3"}: a red official seal (公章) stamped over table 三 (rgb only)
    specks    {"pepper": n, "salt": n, "dust": n}: dark and white dots, larger dust blobs
    punch     True: the shadows of two punched holes in the left margin
    staple    True: a staple and the shadow of the lifted corner, top left
    skew      degrees, counter-clockwise positive (Pillow's sense), about the page's centre, paper-filled
    illum     amplitude of uneven illumination (a smooth gain field, and a darker band on one side)
    blur      Gaussian blur radius in pixels (the scanner's optics; 0.5 is a sharp scanner)
    noise     sigma of the sensor noise, in gray levels (grain: its size in pixels)
    rotate90  True: the paper fed sideways: the page image turned 90° (landscape PDF page, text sideways)
    blank_after  n: an empty back side (paper, noise, a faint show-through) inserted after page n
    jpeg      JPEG quality (gray and rgb)
    threshold the black & white scanner's threshold (bw)

All randomness comes from random.Random seeded with the document's name and the page: reruns give the
same bytes (Pillow's own effect_noise is not seeded, so noise is made from Random.randbytes).  Needs
Pillow (Debian python3-pil), imported on first use so that --list and --check run without it.
"""
import io, math, os, random, re

from .pdftools import run, wrap_images
from .truth import SEED

A4_CM = (21.0, 29.7)
FONT_DIR = "/usr/share/fonts/opentype/noto"


def _pil():
    try:
        from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont  # noqa: F401
    except ImportError:  # pragma: no cover
        raise SystemExit("make_corpus.py: the OCR documents need Pillow (Debian: python3-pil, for /usr/bin/python3)")
    import PIL
    return PIL


def a4_pixels(dpi):
    return round(A4_CM[0] / 2.54 * dpi), round(A4_CM[1] / 2.54 * dpi)


def rasterise(pdf, dpi, mode, prefix, first=None, last=None):
    """The pages of `pdf` as Pillow images ("L" or "RGB") of exactly a4_pixels(dpi) (portrait pages)."""
    _pil()
    from PIL import Image
    w, h = a4_pixels(dpi)
    rng = ["-f", str(first), "-l", str(last)] if first else []
    run(["pdftoppm", "-r", str(dpi), "-scale-to-x", str(w), "-scale-to-y", str(h)] + rng
        + (["-gray"] if mode != "rgb" else []) + ["-png", pdf, prefix])
    d = os.path.dirname(prefix)
    files = sorted((f for f in os.listdir(d) if f.startswith(os.path.basename(prefix) + "-") and f.endswith(".png")),
                   key=lambda f: int(re.search(r"-(\d+)\.png$", f).group(1)))
    out = []
    for f in files:
        p = os.path.join(d, f)
        im = Image.open(p)
        im.load()
        out.append(im.convert("RGB" if mode == "rgb" else "L"))
        os.remove(p)
    return out


# ----------------------------------------------------------------------------------------------------
# Building blocks
# ----------------------------------------------------------------------------------------------------
def _gauss_lut(sigma):
    """Uniform bytes -> a normal distribution around 128 (inverse CDF of 256 quantiles)."""
    from statistics import NormalDist
    nd = NormalDist()
    return [max(0, min(255, round(128 + sigma * nd.inv_cdf((u + 0.5) / 256)))) for u in range(256)]


def noise_image(rng, size, sigma, grain=1.0):
    """Seeded Gaussian noise centred on 128 ("L"); grain > 1 gives coarser, smoother grain."""
    from PIL import Image
    w, h = size
    sw, sh = max(1, round(w / grain)), max(1, round(h / grain))
    im = Image.frombytes("L", (sw, sh), rng.randbytes(sw * sh)).point(_gauss_lut(sigma))
    if (sw, sh) != (w, h):
        im = im.resize((w, h), Image.BILINEAR)
    return im


def smooth_field(rng, size, lo, hi, cells=(5, 7)):
    """A smooth random field with values in [lo, hi] (0..255): a few random cells upscaled bicubically."""
    from PIL import Image
    cw, ch = cells
    vals = bytes(rng.randint(lo, hi) for _ in range(cw * ch))
    small = Image.frombytes("L", (cw, ch), vals)
    return small.resize(size, Image.BICUBIC)


def add_noise(im, noise):
    from PIL import Image, ImageChops
    if im.mode == "RGB":
        noise = Image.merge("RGB", [noise] * 3)
    return ImageChops.add(im, noise, 1.0, -128)


def multiply(im, field):
    from PIL import Image, ImageChops
    if im.mode == "RGB" and field.mode == "L":
        field = Image.merge("RGB", [field] * 3)
    return ImageChops.multiply(im, field)


def tone(im, paper, ink):
    """Contrast loss and paper tone: white -> paper, black -> ink (per channel for colour)."""
    if im.mode == "RGB":
        papers = paper if isinstance(paper, (tuple, list)) else (paper,) * 3
        inks = ink if isinstance(ink, (tuple, list)) else (ink,) * 3
        lut = []
        for p, k in zip(papers, inks):
            lut += [round(k + (p - k) * v / 255) for v in range(256)]
        return im.point(lut)
    p = paper if not isinstance(paper, (tuple, list)) else round(sum(paper) / 3)
    k = ink if not isinstance(ink, (tuple, list)) else round(sum(ink) / 3)
    return im.point([round(k + (p - k) * v / 255) for v in range(256)])


def paper_level(prof):
    p = prof.get("paper", 242)
    return p if not isinstance(p, (tuple, list)) else round(sum(p) / 3)


def paper_fill(im, prof):
    p = prof.get("paper", 242)
    if im.mode == "RGB":
        return tuple(p) if isinstance(p, (tuple, list)) else (p,) * 3
    return paper_level(prof)


def darken(im, mask, level):
    """Where `mask` (L, 0..255) is set, blend the page towards `level` (a gray level or an RGB triple)."""
    from PIL import Image
    solid = Image.new(im.mode, im.size, level if im.mode == "L" else (tuple(level) if isinstance(level, (tuple, list)) else (level,) * 3))
    return Image.composite(solid, im, mask)


def cm(dpi, x):
    return x / 2.54 * dpi


def _clear(im, x, y, r, paper):
    """No print within r pixels of (x, y): specks go on bare paper only, so that every printed character
    stays as legible as the scan makes it (a blob on a digit would make the expected value unreadable)."""
    box = (max(0, round(x - r)), max(0, round(y - r)), min(im.width, round(x + r) + 1), min(im.height, round(y + r) + 1))
    if box[0] >= box[2] or box[1] >= box[3]:
        return False
    lo = im.crop(box).convert("L").getextrema()[0]
    return lo > paper - 50


def specks(im, rng, dpi, pepper=0, salt=0, dust=0, ink=30, paper=242):
    """Salt-and-pepper dots (one to five pixels) and a few larger irregular dust blobs and hairs, on the
    bare paper between the print (white salt dots fall anywhere: single pixels, they only fleck strokes)."""
    from PIL import Image, ImageDraw, ImageFilter
    w, h = im.size
    mask = Image.new("L", im.size, 0)
    d = ImageDraw.Draw(mask)
    gap = cm(dpi, 0.15)   # a dot closer to a number would read as its decimal point or comma
    placed = 0
    for _ in range(pepper * 3):
        if placed == pepper:
            break
        x, y, r = rng.randrange(w), rng.randrange(h), rng.choice([0, 0, 0, 1, 1, 2])
        if _clear(im, x, y, r + gap, paper):
            d.ellipse([x - r, y - r, x + r, y + r], fill=rng.randint(150, 255))
            placed += 1
    placed = 0
    for _ in range(dust * 20):
        if placed == dust:
            break
        x, y = rng.randrange(w), rng.randrange(h)
        r = cm(dpi, rng.uniform(0.03, 0.09))
        hair = rng.random() < 0.4
        ln = cm(dpi, rng.uniform(0.3, 1.2)) if hair else 0
        if not _clear(im, x, y, 2 * r + ln + gap, paper):
            continue
        placed += 1
        for _k in range(rng.randint(2, 5)):   # a blob of a few overlapping ellipses
            dx, dy = rng.uniform(-r, r), rng.uniform(-r, r)
            rx, ry = r * rng.uniform(0.4, 1.0), r * rng.uniform(0.4, 1.0)
            d.ellipse([x + dx - rx, y + dy - ry, x + dx + rx, y + dy + ry], fill=rng.randint(200, 255))
        if hair:                               # a hair or fibre curling away from the blob
            ang = rng.uniform(0, 2 * math.pi)
            pts = [(x + math.cos(ang + 0.3 * math.sin(t / 3)) * t * ln / 12, y + math.sin(ang + 0.3 * math.sin(t / 3)) * t * ln / 12)
                   for t in range(13)]
            d.line(pts, fill=rng.randint(140, 220), width=max(1, round(dpi / 200)))
    mask = mask.filter(ImageFilter.GaussianBlur(0.5 * dpi / 200))
    im = darken(im, mask, ink)
    if salt:
        smask = Image.new("L", im.size, 0)
        for _ in range(salt):
            smask.putpixel((rng.randrange(w), rng.randrange(h)), 255)
        im = darken(im, smask, 255)
    return im


def punch_holes(im, rng, dpi):
    """Two punched holes in the left margin (80 mm apart, 6 mm wide): the scanner lid's gray seen through
    them, with a soft shadow on one side."""
    from PIL import Image, ImageDraw, ImageFilter
    w, h = im.size
    r = cm(dpi, 0.3)
    x = cm(dpi, 1.2) + rng.uniform(-2, 2)
    shadow = Image.new("L", im.size, 0)
    hole = Image.new("L", im.size, 0)
    ds, dh = ImageDraw.Draw(shadow), ImageDraw.Draw(hole)
    for yc in (h / 2 - cm(dpi, 4.0), h / 2 + cm(dpi, 4.0)):
        yc += rng.uniform(-3, 3)
        ds.ellipse([x - r * 1.15 + r * 0.25, yc - r * 1.15 + r * 0.2, x + r * 1.15 + r * 0.25, yc + r * 1.15 + r * 0.2], fill=150)
        dh.ellipse([x - r, yc - r, x + r, yc + r], fill=255)
    shadow = shadow.filter(ImageFilter.GaussianBlur(r * 0.35))
    hole = hole.filter(ImageFilter.GaussianBlur(max(0.6, r * 0.06)))
    im = darken(im, shadow, 95)
    return darken(im, hole, 62)


def staple(im, rng, dpi):
    """A staple in the top left corner, and the shadow of the corner lifted off the glass around it."""
    from PIL import Image, ImageDraw, ImageFilter
    w, h = im.size
    sh = Image.new("L", im.size, 0)
    d = ImageDraw.Draw(sh)
    c = cm(dpi, 3.2)
    d.polygon([(0, 0), (c, 0), (0, c * 0.95)], fill=120)
    sh = sh.filter(ImageFilter.GaussianBlur(cm(dpi, 0.6)))
    im = darken(im, sh, 70)
    st = Image.new("L", im.size, 0)
    d = ImageDraw.Draw(st)
    x0, y0 = cm(dpi, 1.0), cm(dpi, 1.6)
    ln = cm(dpi, 1.25)
    x1, y1 = x0 + ln * math.cos(math.radians(-40)), y0 + ln * math.sin(math.radians(-40))
    wid = max(2, round(cm(dpi, 0.07)))
    d.line([(x0, y0), (x1, y1)], fill=235, width=wid)
    for (px, py) in ((x0, y0), (x1, y1)):        # the legs' ends bent under
        d.ellipse([px - wid, py - wid, px + wid, py + wid], fill=200)
    st = st.filter(ImageFilter.GaussianBlur(0.4 * dpi / 200))
    im = darken(im, st, 55)
    hl = Image.new("L", im.size, 0)               # the metal's highlight
    ImageDraw.Draw(hl).line([(x0 + 1, y0 - 1), (x1 + 1, y1 - 1)], fill=110, width=max(1, wid // 3))
    return darken(im, hl, 200)


def illumination(im, rng, amp):
    """Uneven illumination: a smooth random gain field plus a band falling off towards one long edge
    (the paper lifting at the spine or the lamp's end)."""
    from PIL import Image
    w, h = im.size
    lo = round(255 * (1 - amp))
    field = smooth_field(rng, im.size, lo, 255, (4, 6))
    grad = Image.linear_gradient("L").rotate(rng.choice([90, -90]), expand=False).resize(im.size, Image.BILINEAR)
    # the band: gain 1 on most of the page, falling to 1 - amp at one edge
    k = amp * 255
    band = grad.point([round(255 - k * max(0, (v - 190) / 65) ** 1.6) for v in range(256)])
    im = multiply(im, field)
    return multiply(im, band)


def show_through(im, back, level=6):
    """A faint mirrored ghost of the other side of the sheet (thin paper)."""
    from PIL import ImageChops, ImageFilter, ImageOps
    ghost = ImageOps.mirror(back.convert("L")).filter(ImageFilter.GaussianBlur(2.5))
    lut = [round(255 - level * (255 - v) / 255) for v in range(256)]
    return multiply(im, ghost.point(lut))


# ----------------------------------------------------------------------------------------------------
# The official seal (公章)
# ----------------------------------------------------------------------------------------------------
SEAL_INK = (214, 32, 42)


def seal_mask(rng, dpi, text, diameter_cm=4.2):
    """The seal's ink as an "L" mask (255 = full ink): a ring, a five-point star, the issuer's name along
    the upper arc; drawn at twice the size and reduced (smooth edges)."""
    from PIL import Image, ImageDraw, ImageFont
    s = 2
    D = round(cm(dpi, diameter_cm) * s)
    R = D / 2
    im = Image.new("L", (D + 8, D + 8), 0)
    d = ImageDraw.Draw(im)
    c = (D + 8) / 2
    ring = cm(dpi, 0.12) * s
    d.ellipse([c - R, c - R, c + R, c + R], fill=255)
    d.ellipse([c - R + ring, c - R + ring, c + R - ring, c + R - ring], fill=0)
    rs = R * 0.36
    pts = []
    for i in range(10):
        a = -math.pi / 2 + i * math.pi / 5
        r = rs if i % 2 == 0 else rs * 0.382
        pts.append((c + r * math.cos(a), c + r * math.sin(a)))
    d.polygon(pts, fill=255)
    font = ImageFont.truetype(os.path.join(FONT_DIR, "NotoSerifCJK-Bold.ttc"), round(R * 0.30), index=2)
    n = len(text)
    span = min(250.0, 24.0 * n)                     # degrees of arc the name covers, centred on the top
    rt = R - ring - R * 0.21                        # radius of the characters' centres
    for i, ch in enumerate(text):
        ang = -90 - span / 2 + span * (i + 0.5) / n  # clockwise from the left, like a seal reads
        g = Image.new("L", (round(R * 0.4), round(R * 0.4)), 0)
        gd = ImageDraw.Draw(g)
        gd.text((g.width / 2, g.height / 2), ch, font=font, fill=255, anchor="mm")
        g = g.transform(g.size, Image.AFFINE, (1.0, 0, 0, 0, 1 / 0.78, -g.height * (1 / 0.78 - 1) / 2), Image.BICUBIC)  # seal characters are tall
        g = g.rotate(-(ang + 90), resample=Image.BICUBIC, expand=True)
        x = c + rt * math.cos(math.radians(ang))
        y = c + rt * math.sin(math.radians(ang))
        im.paste(255, (round(x - g.width / 2), round(y - g.height / 2)), g)
    return im.resize((im.width // s, im.height // s), Image.LANCZOS)


def stamp_seal(im, rng, dpi, text, centre, angle):
    """The seal pressed onto the page at `centre` (pixels), turned by `angle`: semi-transparent red ink
    (multiplied over what is printed), uneven pressure and a few gaps in the ink."""
    from PIL import Image, ImageChops, ImageFilter
    m = seal_mask(rng, dpi, text).rotate(angle, resample=Image.BICUBIC, expand=True)
    # pressure: a smooth field (one side pressed harder) and fine grain where the ink did not take
    press = smooth_field(rng, m.size, 80, 240, (5, 5))
    grain = noise_image(rng, m.size, 60, 1.8).point(lambda v: 255 if v > 85 else round(v * 255 / 85))
    m = ImageChops.multiply(ImageChops.multiply(m, press), grain).filter(ImageFilter.GaussianBlur(0.5 * dpi / 200))
    full = Image.new("L", im.size, 0)
    full.paste(m, (round(centre[0] - m.width / 2), round(centre[1] - m.height / 2)))
    chans = []
    for band, k in zip(im.split(), SEAL_INK):
        factor = full.point([round(255 - a * (255 - k) / 255) for a in range(256)])
        chans.append(ImageChops.multiply(band, factor))
    return Image.merge("RGB", chans)


def table3_anchor(pdf, dpi):
    """(page, x, y) in pixels at `dpi` of a point inside table 三's numbers on the page where it starts
    (from pdftotext -bbox of the text PDF before it is scanned): where the seal goes."""
    from .check import bbox_words
    words = bbox_words(pdf)
    head = next(w for w in words if w[3] in ("申请人情况", "申"))
    page = head[0]
    on = [w for w in words if w[0] == page and w[2] > head[2]]
    x_nat = next(w[1] for w in on if w[3].startswith("自"))
    x_tot = max(w[1] for w in on if w[3].startswith("总") and abs(w[2] - head[2]) < 60)
    nums = [w for w in on if re.fullmatch(r"[0-9,，.]+", w[3]) and w[1] > x_nat - 10]
    y0, y1 = min(w[2] for w in nums), max(w[2] for w in nums)
    k = dpi / 72
    return page, (x_nat + 0.55 * (x_tot - x_nat)) * k, (y0 + 0.45 * (y1 - y0)) * k


# ----------------------------------------------------------------------------------------------------
# A scanned page
# ----------------------------------------------------------------------------------------------------
def degrade(im, prof, rng, seal=None):
    """One page image (straight from the renderer) made to look scanned: see the module's docstring."""
    from PIL import Image, ImageFilter
    dpi = prof["dpi"]
    ink = prof.get("ink", 35)
    im = tone(im, prof.get("paper", 242), ink)
    # paper texture: a faint blotchy field (fibres, uneven whiteness)
    im = multiply(im, smooth_field(rng, im.size, 250, 255, (24, 34)))
    if seal:
        im = stamp_seal(im, rng, dpi, seal["text"], seal["centre"], seal["angle"])
    sp = prof.get("specks")
    if sp:
        im = specks(im, rng, dpi, sp.get("pepper", 0), sp.get("salt", 0), sp.get("dust", 0), ink, paper_level(prof))
    if prof.get("punch"):
        im = punch_holes(im, rng, dpi)
    if prof.get("staple"):
        im = staple(im, rng, dpi)
    if prof.get("skew"):
        im = im.rotate(prof["skew"], resample=Image.BICUBIC, expand=False, fillcolor=paper_fill(im, prof))
    if prof.get("illum"):
        im = illumination(im, rng, prof["illum"])
    if prof.get("blur"):
        im = im.filter(ImageFilter.GaussianBlur(prof["blur"]))
    if prof.get("noise"):
        im = add_noise(im, noise_image(rng, im.size, prof["noise"], prof.get("grain", 1.0)))
    if prof.get("rotate90"):
        im = im.transpose(Image.ROTATE_90)    # the top of the page to the left: text runs bottom to top
    return im


def blank_back(size, mode, prof, front):
    """An empty back side: bare paper and a faint show-through of the front (degrade_blank does the rest)."""
    from PIL import Image
    im = Image.new(mode, size, 255 if mode == "L" else (255, 255, 255))
    im = tone(im, prof.get("paper", 242), prof.get("ink", 35))
    return show_through(im, front, 5)


def encode(im, prof, path):
    """Write a page image: JPEG for gray and colour, CCITT G4 TIFF for black & white."""
    dpi = prof["dpi"]
    if prof["mode"] == "bw":
        t = prof.get("threshold", 150)
        bw = im.convert("L").point(lambda v: 255 if v > t else 0).convert("1", dither=None)
        bw.save(path, "TIFF", compression="group4", dpi=(dpi, dpi))
    else:
        im.save(path, "JPEG", quality=prof.get("jpeg", 55), dpi=(dpi, dpi), optimize=True, progressive=False)


def scan_pdf(spec, pdf, out, tmp, prof):
    """The whole document scanned with profile `prof`; records what was made in spec.meta["scan"]."""
    _pil()
    mode = "rgb" if prof["mode"] == "rgb" else "gray"
    seal = None
    if prof.get("seal"):
        page, x, y = table3_anchor(pdf, prof["dpi"])
        srng = random.Random(f"{SEED}:seal:{spec.name}")
        seal = {"page": page, "text": prof["seal"]["text"], "centre": (x + srng.uniform(-8, 8), y + srng.uniform(-8, 8)),
                "angle": srng.uniform(-18, 18)}
    pages = rasterise(pdf, prof["dpi"], mode, os.path.join(tmp, spec.name + "_scan"))
    files = []
    blank_after = prof.get("blank_after")
    n = 0
    for i, page in enumerate(pages, 1):
        rng = random.Random(f"{SEED}:scan:{spec.name}:{i}")
        im = degrade(page, prof, rng, seal if seal and seal["page"] == i else None)
        n += 1
        p = os.path.join(tmp, f"{spec.name}_p{n:02d}.{'tif' if prof['mode'] == 'bw' else 'jpg'}")
        encode(im, prof, p)
        files.append(p)
        if blank_after == i:
            brng = random.Random(f"{SEED}:scan:{spec.name}:blank")
            back = degrade_blank(blank_back(page.size, page.mode, prof, page), prof, brng)
            n += 1
            p = os.path.join(tmp, f"{spec.name}_p{n:02d}.{'tif' if prof['mode'] == 'bw' else 'jpg'}")
            encode(back, prof, p)
            files.append(p)
    wrap_images(files, out, spec.year, landscape=bool(prof.get("rotate90")))
    for f in files:
        os.remove(f)
    spec.meta["scan"] = {"pages": n, "source_pages": len(pages), "seal_page": seal["page"] if seal else None,
                         "blank_page": blank_after + 1 if blank_after else None}


def degrade_blank(im, prof, rng):
    """The rest of degrade() for an empty page (it has no print to tone): texture, a speck or two,
    skew, illumination, blur and noise."""
    from PIL import Image, ImageFilter
    dpi = prof["dpi"]
    im = multiply(im, smooth_field(rng, im.size, 250, 255, (24, 34)))
    im = specks(im, rng, dpi, pepper=rng.randint(8, 20), dust=rng.randint(1, 3), ink=prof.get("ink", 35), paper=paper_level(prof))
    if prof.get("skew"):
        im = im.rotate(prof["skew"], resample=Image.BICUBIC, expand=False, fillcolor=paper_fill(im, prof))
    if prof.get("illum"):
        im = illumination(im, rng, prof["illum"])
    if prof.get("blur"):
        im = im.filter(ImageFilter.GaussianBlur(prof["blur"]))
    if prof.get("noise"):
        im = add_noise(im, noise_image(rng, im.size, prof["noise"], prof.get("grain", 1.0)))
    if prof.get("rotate90"):
        im = im.transpose(Image.ROTATE_90)
    return im


# ----------------------------------------------------------------------------------------------------
# Tables pasted as pictures
# ----------------------------------------------------------------------------------------------------
def pdf_words(pdf):
    """[(page, xMin, yMin, xMax, yMax, text)] of every word, from pdftotext -bbox (points, origin top left)."""
    out = run(["pdftotext", "-bbox", pdf, "-"]).stdout.decode("utf-8", "replace")
    words, page = [], 0
    for line in out.split("\n"):
        if "<page " in line:
            page += 1
        m = re.search(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)</word>', line)
        if m:
            words.append((page,) + tuple(map(float, m.groups()[:4])) + (m.group(5),))
    return words


def table_pictures(spec, pdf, tmp):
    """Tables cut out of compose_tables' one-page PDF as pictures, as opts["table_pictures"] says:
    {"tables": ["t3"], "dpi": 200, "format": "png"} or {..., "format": "jpeg", "quality": 70, "noise": 3,
    "paper": 247, "ink": 30, "blur": 0.4}.  Each table is the band between its heading and the next one,
    rendered at dpi and trimmed to its ink plus a small white margin.  Returns {table: (bytes, width_cm,
    height_cm)}: the picture's printed size is its size at dpi, the table's own size."""
    _pil()
    from PIL import Image, ImageChops, ImageFilter
    cfg = spec.opts["table_pictures"]
    dpi = cfg.get("dpi", 200)
    o = spec.opts
    heads = {"t2": "二、主动公开政府信息情况", "t3": "三、收到和处理政府信息公开申请情况",
             "t4": o.get("h4", "四、政府信息公开行政复议、行政诉讼情况"), "t5": o.get("h5", "五、存在的主要问题及改进情况")}
    words = pdf_words(pdf)
    ys = {}
    for k, h in heads.items():
        w = next(w for w in words if w[5].startswith(h[:5]))   # 二、主动 / 三、收到 / 四、政府 …: not a row label
        ys[k] = (w[2], w[4])
    out = {}
    k = dpi / 72
    for i, t in enumerate(("t2", "t3", "t4")):
        if t not in cfg["tables"]:
            continue
        nxt = ("t3", "t4", "t5")[i]
        y0, y1 = ys[t][1] + 2, ys[nxt][0] - 2
        pre = os.path.join(tmp, f"{spec.name}_{t}_pic")
        run(["pdftoppm", "-r", str(dpi), "-x", "0", "-y", str(round(y0 * k)), "-W", str(round(21.0 / 2.54 * dpi)),
             "-H", str(round((y1 - y0) * k)), "-gray", "-png", "-singlefile", pdf, pre])
        im = Image.open(pre + ".png").convert("L")
        os.remove(pre + ".png")
        ink = im.point(lambda v: 255 if v < 200 else 0).getbbox()
        pad = round(dpi / 25)
        x0, y0p, x1, y1p = ink[0] - pad, ink[1] - pad, ink[2] + pad, ink[3] + pad
        pic = Image.new("L", (x1 - x0, y1p - y0p), 255)   # the margin white, also where the band ends
        pic.paste(im.crop((max(0, x0), max(0, y0p), min(im.width, x1), min(im.height, y1p))), (max(0, x0) - x0, max(0, y0p) - y0p))
        im = pic
        if cfg.get("format") == "jpeg":
            rng = random.Random(f"{SEED}:picture:{spec.name}:{t}")
            im = tone(im, cfg.get("paper", 247), cfg.get("ink", 30))
            if cfg.get("blur"):
                im = im.filter(ImageFilter.GaussianBlur(cfg["blur"]))
            if cfg.get("noise"):
                im = add_noise(im, noise_image(rng, im.size, cfg["noise"], cfg.get("grain", 1.0)))
            b = io.BytesIO()
            im.save(b, "JPEG", quality=cfg.get("quality", 70), dpi=(dpi, dpi), optimize=True)
        else:
            b = io.BytesIO()
            im.save(b, "PNG", dpi=(dpi, dpi))
        out[t] = (b.getvalue(), im.width / dpi * 2.54, im.height / dpi * 2.54)
    return out
