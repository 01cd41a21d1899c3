#!/usr/bin/env python3
"""Fuzzes nianbao through its binary: mutated Corpus PDFs, and mutated Corpus text and web pages.

Makes mutants of Corpus/*.pdf (byte flips, truncation, duplicated or deleted chunks, broken xref and
startxref, deeply nested objects, huge numbers, content streams replaced by garbage or rewritten,
duplicated and cyclic page trees, damaged ToUnicode maps, spliced files) and, with --text-count, of
Corpus/*.txt and *.html (byte flips, random truncation, repeated chunks, long lines, rows of many
numbers, invalid bytes, wrong encodings and charsets, deep HTML nesting, huge colspans, unclosed
markup), and runs them through `nianbao run BATCH --output OUT --jobs 2 --quiet` in batches, PDF and
text batches interleaved. It checks that every run exits 0 and is not killed by a signal or hangs,
that every input has its NAME.json (valid JSON) and NAME.txt, and that stderr holds no fatal error.

A failing batch's inputs are run again one by one to find the documents that fail alone; those (or
the whole batch when none fails alone) are copied to the failures folder with a note of how they were
made and what went wrong. A document whose worker process died or ran over its budget (a `crash` or
`budget` finding: nianbao contained it) is counted and copied to FAILURES/contained, but does not
fail the round.

Time per document: every run writes a document's NAME.txt when it is done, so the time between
completions estimates each document's time; the slowest few are timed again alone at the end
(`--jobs 1`, no cache) and reported with their time.

The mutants are made from --seed and their number: `--seed 7` makes the same inputs on any machine.

    python3 Scripts/fuzz_pdfs.py --count 300 --text-count 300 --time-limit 120   # CI's round
    python3 Scripts/fuzz_pdfs.py --count 10000 --text-count 10000 --seed 1       # a long round

Exit status: 0 when nothing failed, 1 when something did (crash, hang, exit status, missing or
invalid output), 2 for a usage error.
"""

import argparse
import csv
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# `nianbao --help`: the exit codes a run can end with. Without --strict only 0 is a success.
EXIT_CODES = {
    0: "done",
    1: "unreadable documents, with --strict",
    64: "usage error",
    65: "invalid rule file",
    66: "an input does not exist or holds no reports (the others processed)",
    70: "worker processes cannot be started",
    73: "an output would be written over an input, or the output folder cannot be made",
    74: "some outputs could not be written",
}
MAX_MUTANT = 12 << 20  # bytes: a mutant larger than this is cut back (keeps a round's disk and time bounded)


# ---------------------------------------------------------------------------------------------------
# PDF structure helpers (classic xref tables, as the Corpus PDFs have)

STREAM_RE = re.compile(rb"(\d+)\s+(\d+)\s+obj\s*(<<.*?>>)\s*stream\r?\n", re.S)
OBJ_RE = re.compile(rb"(?m)^(\d+)\s+(\d+)\s+obj\b")


def streams(data):
    """(dict start, dict end, data start, data end) of every stream, by `endstream`."""
    found = []
    for m in STREAM_RE.finditer(data):
        start = m.end()
        end = data.find(b"endstream", start)
        if end < 0:
            continue
        raw_end = end
        if data[raw_end - 2 : raw_end] == b"\r\n":
            raw_end -= 2
        elif data[raw_end - 1 : raw_end] in (b"\n", b"\r"):
            raw_end -= 1
        found.append((m.start(3), m.end(3), start, max(start, raw_end)))
    return found


def inflate(raw):
    try:
        d = zlib.decompressobj()
        return d.decompress(raw, 64 << 20)
    except zlib.error:
        return None


def replace_stream(data, s, new_raw, compressed=True):
    """The stream `s` (from `streams`) with new data and a direct /Length; /Filter kept or dropped."""
    dict_start, dict_end, raw_start, raw_end = s
    d = data[dict_start:dict_end]
    d = re.sub(rb"/Length\s+\d+(\s+\d+\s+R)?", b"/Length %d" % len(new_raw), d, count=1)
    if not compressed:
        d = re.sub(rb"/Filter\s*(/\w+|\[[^\]]*\])", b"", d)
        d = re.sub(rb"/DecodeParms\s*<<[^>]*>>", b"", d)
    return data[:dict_start] + d + data[dict_end:raw_start] + new_raw + data[raw_end:]


def rebuild_xref(data):
    """A fresh classic xref table, trailer and startxref for the objects as they now lie; the data as is
    when it has no trailer to copy (the mutant is broken further, which is fine)."""
    trailers = list(re.finditer(rb"trailer\s*(<<.*?>>)\s*startxref", data, re.S))
    if not trailers:
        return data
    trailer = trailers[-1].group(1)
    body_end = data.rfind(b"xref", 0, trailers[-1].start())
    if body_end < 0:
        body_end = trailers[-1].start()
    body = data[:body_end]
    offsets = {}
    for m in OBJ_RE.finditer(body):
        offsets[int(m.group(1))] = m.start()
    if not offsets:
        return data
    size = max(offsets) + 1
    if size > 1_000_000:
        return data
    rows = [b"0000000000 65535 f \n"]
    for n in range(1, size):
        rows.append(b"%010d 00000 n \n" % offsets[n] if n in offsets else b"0000000000 65535 f \n")
    trailer = re.sub(rb"/Size\s+\d+", b"/Size %d" % size, trailer)
    trailer = re.sub(rb"/Prev\s+\d+", b"", trailer)
    if not body.endswith(b"\n"):
        body += b"\n"
    xref = b"xref\n0 %d\n" % size + b"".join(rows)
    return body + xref + b"trailer\n" + trailer + b"\nstartxref\n%d\n%%%%EOF\n" % len(body)


def content_streams(data):
    """Streams that inflate to page content (text or path operators)."""
    out = []
    for s in streams(data):
        raw = inflate(data[s[2] : s[3]])
        if raw and (b" Tj" in raw or b"TJ" in raw or b" re" in raw or b"BT" in raw):
            out.append((s, raw))
    return out


NUM_RE = re.compile(rb"(?<![\w.])-?\d+(\.\d+)?(?![\w.])")
HUGE = [
    b"99999999999999999999999999999999",
    b"-99999999999999999999999999999999",
    b"2147483648",
    b"-2147483649",
    b"4294967296",
    b"9223372036854775808",
    b"1e308",
    b"0.000000000000000000000000001",
    b"340282366920938463463374607431768211456",
    b"0",
    b"-0",
    b"-1",
    b"65535",
    b"3.4028235e39",
    b"123456789.123456789",
]
OPERATORS = [
    b"BT", b"ET", b"Tf", b"Td", b"TD", b"Tm", b"T*", b"Tj", b"TJ", b"'", b'"', b"Tc", b"Tw", b"Tz", b"TL",
    b"Ts", b"re", b"m", b"l", b"c", b"h", b"S", b"s", b"f", b"F", b"n", b"W", b"cm", b"q", b"Q", b"Do",
    b"w", b"J", b"j", b"d", b"gs", b"rg", b"RG", b"g", b"G", b"k", b"K", b"cs", b"sc", b"BI", b"ID", b"EI",
]


def random_operand(r):
    kind = r.randrange(6)
    if kind == 0:
        return r.choice(HUGE)
    if kind == 1:
        return b"(" + bytes(r.randrange(256) for _ in range(r.randrange(1, 12))).replace(b")", b"") + b")"
    if kind == 2:
        return b"<" + r.randbytes(r.randrange(1, 8)).hex().encode() + b">"
    if kind == 3:
        return b"/F%d" % r.randrange(10)
    if kind == 4:
        return b"[" + b" ".join(random_operand(r) for _ in range(r.randrange(0, 6))) + b"]"
    return b"%d" % r.randrange(-2000, 2000)


# ---------------------------------------------------------------------------------------------------
# PDF mutations: each takes (bytes, Random, all sources) and returns (bytes, what it did)


def m_flip_bits(d, r, _):
    b = bytearray(d)
    n = r.choice([1, 1, 2, 4, 8, 16, 64, 256])
    for _ in range(n):
        b[r.randrange(len(b))] ^= 1 << r.randrange(8)
    return bytes(b), f"flip {n} bits"


def m_flip_structure(d, r, _):
    """Flips outside the streams: in the object dictionaries, xref and trailer."""
    spans = [(s[2], s[3]) for s in streams(d)]
    b = bytearray(d)
    n = r.choice([1, 2, 4, 8, 32])
    done = 0
    for _ in range(n * 20):
        if done >= n:
            break
        i = r.randrange(len(b))
        if any(a <= i < z for a, z in spans):
            continue
        b[i] = r.choice(b"0123456789 \n<>[]()/R{}%") if r.random() < 0.5 else b[i] ^ (1 << r.randrange(8))
        done += 1
    return bytes(b), f"flip {done} bytes outside streams"


def m_truncate(d, r, _):
    at = r.randrange(len(d))
    tail = b"\n%%EOF\n" if r.random() < 0.5 else b""
    return d[:at] + tail, f"truncate at {at}" + (" + %%EOF" if tail else "")


def m_duplicate_chunk(d, r, _):
    a = r.randrange(len(d))
    z = min(len(d), a + r.choice([16, 256, 4096, 65536]))
    times = r.choice([1, 2, 8, 50])
    at = r.randrange(len(d))
    return d[:at] + d[a:z] * times + d[at:], f"duplicate [{a}:{z}] x{times} at {at}"


def m_delete_chunk(d, r, _):
    a = r.randrange(len(d))
    z = min(len(d), a + r.choice([1, 16, 256, 4096]))
    return d[:a] + d[z:], f"delete [{a}:{z}]"


def m_break_xref(d, r, _):
    choice = r.randrange(7)
    if choice == 0:
        v = r.choice([b"0", b"1", b"-5", b"99999999999", b"abc", b"%d" % r.randrange(len(d))])
        return re.sub(rb"startxref\s*\d+", b"startxref\n" + v, d), f"startxref -> {v.decode()}"
    if choice == 1:
        return re.sub(rb"xref\s*\n0 \d+\s*\n(\d{10} \d{5} [nf]\s*\n)+", b"", d), "xref table removed"
    if choice == 2:

        def shift(m):
            return b"%010d" % max(0, int(m.group(1)) + r.randrange(-40, 40)) + m.group(2)

        return re.sub(rb"(\d{10})( \d{5} n)", shift, d), "xref offsets shifted"
    if choice == 3:
        m = list(re.finditer(rb"startxref\s*(\d+)", d))
        if not m:
            return d, "no startxref"
        return d.replace(b"trailer\n<<", b"trailer\n<</Prev " + m[-1].group(1) + b" ", 1), "xref /Prev loop"
    if choice == 4:
        v = r.choice([b"0", b"1", b"99999999", b"-3"])
        return re.sub(rb"/Size\s+\d+", b"/Size " + v, d), f"/Size -> {v.decode()}"
    if choice == 5:
        return re.sub(rb"/Root\s+\d+\s+\d+\s+R", b"/Root %d 0 R" % r.randrange(0, 60), d), "/Root elsewhere"
    return re.sub(rb"(\d{10} \d{5} )n", lambda m: m.group(1) + (b"f" if r.random() < 0.3 else b"n"), d), (
        "xref entries freed"
    )


def m_nest(d, r, _):
    depth = r.choice([100, 1000, 10000, 100000])
    kind = r.randrange(4)
    if kind == 0:
        blob = b"[" * depth + b"]" * depth
    elif kind == 1:
        blob = b"[" * depth
    elif kind == 2:
        blob = b"<</A " * depth + b"1" + b">>" * depth
    else:
        blob = b"<<" * depth
    objs = list(re.finditer(rb"\d+\s+\d+\s+obj\s*<<", d))
    if not objs:
        return d, "no object to nest into"
    m = r.choice(objs)
    out = d[: m.end()] + b"/Nested " + blob + b" " + d[m.end() :]
    return out, f"nesting {['[]', '[', '<<>>', '<<'][kind]} x{depth} in an object"


def m_huge_numbers(d, r, _):
    spans = [(s[2], s[3]) for s in streams(d)]
    nums = [m for m in NUM_RE.finditer(d) if not any(a <= m.start() < z for a, z in spans)]
    if not nums:
        return d, "no number"
    picks = sorted(r.sample(nums, min(len(nums), r.choice([1, 3, 10, 30]))), key=lambda m: m.start(), reverse=True)
    b = d
    for m in picks:
        b = b[: m.start()] + r.choice(HUGE) + b[m.end() :]
    return b, f"{len(picks)} numbers -> huge"


def m_garbage_stream(d, r, _):
    ss = streams(d)
    if not ss:
        return d, "no stream"
    s = r.choice(ss)
    kind = r.randrange(4)
    if kind == 0:
        return d[: s[2]] + r.randbytes(s[3] - s[2]) + d[s[3] :], "stream bytes -> random (same length)"
    if kind == 1:
        garbage = r.randbytes(r.choice([0, 10, 1000, 100000]))
        return replace_stream(d, s, zlib.compress(garbage)), f"stream -> deflated random ({len(garbage)} bytes)"
    if kind == 2:
        ops = []
        for _ in range(r.choice([10, 100, 1000, 10000])):
            ops.append(b" ".join(random_operand(r) for _ in range(r.randrange(0, 5))) + b" " + r.choice(OPERATORS))
        soup = b"\n".join(ops)
        return replace_stream(d, s, zlib.compress(soup)), f"stream -> {len(ops)} random operators"
    return replace_stream(d, s, b"", compressed=True), "stream emptied"


def m_content_rewrite(d, r, _):
    """Inflates a page's content, changes its numbers or operators, deflates it again."""
    cs = content_streams(d)
    if not cs:
        return d, "no content stream"
    s, raw = r.choice(cs)
    kind = r.randrange(6)
    if kind == 0:  # move things: coordinates and sizes changed a little
        nums = list(NUM_RE.finditer(raw))
        k = min(len(nums), r.choice([1, 10, 100, 1000]))
        picks = set(r.sample(range(len(nums)), k)) if nums else set()

        seen = iter(range(len(nums)))

        def nudge(m):
            if next(seen) not in picks:
                return m.group(0)
            v = float(m.group(0))
            return (b"%.3f" % (v + r.uniform(-30, 30))) if r.random() < 0.8 else r.choice(HUGE)

        new = NUM_RE.sub(nudge, raw)
        what = f"{k} content numbers nudged"
    elif kind == 1:  # text repeated: the text objects duplicated in place
        bts = re.findall(rb"BT.*?ET", raw, re.S)
        times = r.choice([2, 5, 20])
        new = raw + b"\n" + b"\n".join(bts) * (times - 1) if bts else raw
        what = f"text objects x{times}"
    elif kind == 2:  # the whole content repeated, shifted
        times = r.choice([2, 3, 10])
        parts = [raw]
        for i in range(1, times):
            parts.append(b"q 1 0 0 1 %d %d cm\n" % (r.randrange(-50, 50), r.randrange(-300, 300)) + raw + b"\nQ")
        new = b"\n".join(parts)
        what = f"content x{times} shifted"
    elif kind == 3:  # operators deleted
        lines = raw.split(b"\n")
        keep = [ln for ln in lines if r.random() > 0.1]
        new = b"\n".join(keep)
        what = f"{len(lines) - len(keep)} content lines deleted"
    elif kind == 4:  # lines shuffled
        lines = raw.split(b"\n")
        a = r.randrange(len(lines))
        z = min(len(lines), a + r.randrange(2, 200))
        chunk = lines[a:z]
        r.shuffle(chunk)
        new = b"\n".join(lines[:a] + chunk + lines[z:])
        what = f"content lines {a}..{z} shuffled"
    else:  # many scattered glyphs: the text objects placed all over the page
        bts = re.findall(rb"BT.*?ET", raw, re.S)
        copies = []
        for _ in range(r.choice([10, 50, 200]) if bts else 0):
            bt = r.choice(bts)
            copies.append(b"q 1 0 0 1 %d %d cm\n" % (r.randrange(-400, 400), r.randrange(-600, 600)) + bt + b"\nQ")
        new = raw + b"\n" + b"\n".join(copies)
        what = f"{len(copies)} text objects scattered"
    compressed = r.random() < 0.7
    return replace_stream(d, s, zlib.compress(new) if compressed else new, compressed=compressed), what


def m_tounicode(d, r, _):
    for s in r.sample(streams(d), len(streams(d))):
        raw = inflate(d[s[2] : s[3]])
        if raw and (b"beginbfchar" in raw or b"beginbfrange" in raw):
            hexes = list(re.finditer(rb"<([0-9A-Fa-f]{4,8})>", raw))
            k = min(len(hexes), r.choice([1, 5, 50, 500]))
            picks = set(r.sample(range(len(hexes)), k))
            b = bytearray(raw)
            for i in picks:
                m = hexes[i]
                b[m.start(1) : m.end(1)] = r.randbytes((m.end(1) - m.start(1)) // 2).hex().encode()
            if r.random() < 0.2:
                b = bytearray(re.sub(rb"\d+ beginbf", b"99999 beginbf", bytes(b)))
            return replace_stream(d, s, zlib.compress(bytes(b))), f"ToUnicode: {k} codes changed"
    return d, "no ToUnicode map"


def m_pages(d, r, _):
    kids = list(re.finditer(rb"/Kids\s*\[([^\]]*)\]", d))
    if not kids:
        return d, "no page tree"
    m = r.choice(kids)
    refs = re.findall(rb"\d+\s+\d+\s+R", m.group(1))
    kind = r.randrange(4)
    if kind == 0 and refs:
        times = r.choice([2, 10, 100, 1000])
        new = b"/Kids [" + b" ".join(refs * times) + b"]"
        what = f"page list x{times}"
    elif kind == 1:
        own = re.findall(rb"(\d+)\s+\d+\s+obj\s*<<[^>]*$", d[: m.start()][-200:])
        self_ref = (own[-1] if own else b"1") + b" 0 R"
        new = b"/Kids [" + m.group(1) + b" " + self_ref + b"]"
        what = "page tree cycle"
    elif kind == 2:
        new = m.group(0)
        d = re.sub(rb"/Count\s+\d+", b"/Count " + r.choice([b"0", b"99999999", b"-1", b"2147483648"]), d, count=1)
        what = "page /Count changed"
    else:
        new = b"/Kids [" + b" ".join(b"%d 0 R" % r.randrange(0, 80) for _ in range(r.randrange(1, 20))) + b"]"
        what = "page list -> random objects"
    out = d[: m.start()] + new + d[m.end() :]
    return out, what


def m_references(d, r, _):
    refs = list(re.finditer(rb"(?<![\d.])(\d+)\s+0\s+R", d))
    if not refs:
        return d, "no reference"
    picks = sorted(r.sample(refs, min(len(refs), r.choice([1, 3, 10]))), key=lambda m: m.start(), reverse=True)
    b = d
    for m in picks:
        b = b[: m.start()] + b"%d 0 R" % r.choice([0, 1, 2, r.randrange(100), 99999999]) + b[m.end() :]
    return b, f"{len(picks)} references redirected"


def m_splice(d, r, sources):
    other = r.choice(sources)[1]
    a = r.randrange(len(d))
    z = r.randrange(len(other))
    return d[:a] + other[z:], f"spliced at {a} with another file from {z}"


PDF_MUTATIONS = [
    (m_flip_bits, 3),
    (m_flip_structure, 3),
    (m_truncate, 2),
    (m_duplicate_chunk, 2),
    (m_delete_chunk, 2),
    (m_break_xref, 3),
    (m_nest, 2),
    (m_huge_numbers, 3),
    (m_garbage_stream, 3),
    (m_content_rewrite, 5),
    (m_tounicode, 2),
    (m_pages, 2),
    (m_references, 2),
    (m_splice, 1),
]
# Mutations after which a fresh xref table lets poppler read on (half the time: the other half tests
# its reconstruction of a broken one).
REBUILDS = {m_nest, m_huge_numbers, m_garbage_stream, m_content_rewrite, m_tounicode, m_pages, m_references}


def mutate_pdf(r, sources):
    name, data = r.choice(sources)
    steps = []
    for _ in range(r.choice([1, 1, 1, 2, 2, 3])):
        fn = pick(r, PDF_MUTATIONS)
        data, what = apply(fn, data, r, sources)
        if fn in REBUILDS and r.random() < 0.5:
            data = rebuild_xref(data)
            what += " (xref rebuilt)"
        steps.append(what)
        if not data:
            data = b"%PDF-1.4\n"
    return name, data[:MAX_MUTANT], steps


# ---------------------------------------------------------------------------------------------------
# Text and HTML mutations


def t_flip(d, r, _):
    b = bytearray(d)
    n = r.choice([1, 2, 8, 64])
    for _ in range(n):
        b[r.randrange(len(b))] ^= 1 << r.randrange(8)
    return bytes(b), f"flip {n} bits"


def decode_any(d):
    """The text and the codec it decodes with, of those the Corpus uses; None when none fits."""
    for codec in ("utf-8", "gb18030", "big5"):
        try:
            return d.decode(codec), codec
        except UnicodeDecodeError:
            continue
    return None


PUNCTUATION = "（）()、，。：:|\t  \n一二三四五六七八九十〇零-—.．%％"


def t_chars(d, r, _):
    """Characters changed, deleted or swapped, the text encoded as it was: valid text, other content."""
    decoded = decode_any(d)
    if decoded is None or not decoded[0]:
        return d, "not decodable: left as is"
    text, codec = decoded
    chars = list(text)
    n = r.choice([1, 3, 10, 50, 300])
    for _ in range(n):
        i = r.randrange(len(chars))
        kind = r.randrange(4)
        if kind == 0:
            chars[i] = r.choice("0123456789")
        elif kind == 1:
            chars[i] = r.choice(PUNCTUATION)
        elif kind == 2:
            chars[i] = chars[r.randrange(len(chars))]
        elif i + 1 < len(chars):
            chars[i], chars[i + 1] = chars[i + 1], chars[i]
    return "".join(chars).encode(codec, errors="replace"), f"{n} characters changed ({codec})"


def boundary(d, i, r):
    """`i`, moved to the next UTF-8 character boundary most of the time (a cut inside a character makes
    the whole text unreadable, which the byte flips test often enough)."""
    if r.random() < 0.8:
        while i < len(d) and 0x80 <= d[i] < 0xC0:
            i += 1
    return i


def t_truncate(d, r, _):
    at = boundary(d, r.randrange(len(d) + 1), r)
    return d[:at], f"truncate at {at}"


def t_repeat_chunk(d, r, _):
    a = boundary(d, r.randrange(len(d)), r)
    z = boundary(d, min(len(d), a + r.choice([10, 100, 1000, 5000])), r)
    times = r.choice([2, 10, 100, 1000])
    chunk = d[a:z] * times
    return d[:z] + chunk[: 4 << 20] + d[z:], f"[{a}:{z}] repeated x{times}"


def t_long_line(d, r, _):
    kind = r.randrange(4)
    if kind == 0:
        return d.replace(b"\r", b"").replace(b"\n", b" "), "all lines joined into one"
    n = r.choice([1000, 10000, 100000, 1000000])
    token = [b"1 ", "表".encode(), b"  ", b"0.5\t", "一、".encode(), b"<td>9</td>"][r.randrange(6)]
    line = token * (n // len(token) + 1)
    at = boundary(d, r.randrange(len(d) + 1), r)
    if kind == 1:
        return d[:at] + b"\n" + line[:n] + b"\n" + d[at:], f"a line of {n} bytes of {token!r}"
    # a long line without any line break in a real position: in the middle of a line
    return d[:at] + line[:n] + d[at:], f"{n} bytes of {token!r} inserted mid-line"


def t_many_numbers(d, r, _):
    """A row of the tables (a line with digits) given many more numbers."""
    lines = d.split(b"\n")
    rows = [i for i, ln in enumerate(lines) if re.search(rb"\d", ln)]
    if not rows:
        return d, "no row with numbers"
    i = r.choice(rows)
    n = r.choice([10, 20, 40, 200, 2000])
    html = b"<td" in lines[i]
    if html:
        extra = b"".join(b"<td>%d</td>" % r.randrange(100) for _ in range(n))
        lines[i] = lines[i].replace(b"</td>", b"</td>" + extra, 1)
    else:
        sep = r.choice([b" ", b"  ", b"\t", b" | "])
        lines[i] += sep + sep.join(b"%d" % r.randrange(100) for _ in range(n))
    return b"\n".join(lines), f"line {i} given {n} more numbers"


def t_spaces(d, r, _):
    kind = r.randrange(3)
    if kind == 0:
        return re.sub(rb" ", lambda m: b" " * r.choice([1, 2, 4, 16]), d), "spaces widened"
    if kind == 1:
        return d.replace(b" ", b"\t"), "spaces -> tabs"
    return re.sub(rb"\s+", b" ", d), "whitespace squeezed"


BAD_BYTES = [b"\xff", b"\xfe", b"\xc0\xaf", b"\xed\xa0\x80", b"\x00", b"\x80", b"\xe4\xb8", b"\xf4\x90\x80\x80", b"\x1b"]


def t_invalid_bytes(d, r, _):
    b = d
    n = r.choice([1, 3, 20, 200])
    for _ in range(n):
        at = r.randrange(len(b) + 1)
        b = b[:at] + r.choice(BAD_BYTES) + b[at:]
    return b, f"{n} invalid bytes inserted"


def t_encoding(d, r, _):
    decoded = decode_any(d)
    if decoded is None:
        return d, "not decodable: left as is"
    text = decoded[0]
    kind = r.randrange(5)
    if kind == 0:
        enc = r.choice(["gbk", "big5", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "gb18030"])
        return text.encode(enc, errors="replace"), f"re-encoded as {enc}"
    if kind == 1:
        bom = r.choice([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff"])
        return bom + d, f"BOM {bom!r} prepended"
    if kind == 2:
        cs = r.choice([b"utf-8", b"gbk", b"big5", b"iso-8859-1", b"utf-16", b"x-bogus", b"", b"utf-7"])
        out = re.sub(rb"(?i)charset\s*=\s*[\"']?[\w-]*", b"charset=" + cs, d)
        if out == d:
            out = b'<meta charset="' + cs + b'">' + d
        return out, f"declared charset -> {cs.decode()}"
    if kind == 3:
        return text.encode("gbk", errors="replace")[: r.randrange(len(d) + 1)] + text.encode("utf-8"), "gbk + utf-8"
    return text.encode("utf-8").replace(b"0", "０".encode()).replace(b"1", "１".encode()), "full-width digits"


def t_lines(d, r, _):
    lines = d.split(b"\n")
    kind = r.randrange(3)
    if kind == 0:
        a = r.randrange(len(lines))
        z = min(len(lines), a + r.randrange(2, 60))
        chunk = lines[a:z]
        r.shuffle(chunk)
        return b"\n".join(lines[:a] + chunk + lines[z:]), f"lines {a}..{z} shuffled"
    if kind == 1:
        i = r.randrange(len(lines))
        times = r.choice([2, 10, 1000])
        return b"\n".join(lines[:i] + [lines[i]] * times + lines[i + 1 :]), f"line {i} x{times}"
    keep = [ln for ln in lines if r.random() > 0.2]
    return b"\n".join(keep), f"{len(lines) - len(keep)} lines deleted"


def t_numbers(d, r, _):
    nums = list(re.finditer(rb"\d+", d))
    if not nums:
        return d, "no number"
    picks = sorted(r.sample(nums, min(len(nums), r.choice([1, 10, 100]))), key=lambda m: m.start(), reverse=True)
    b = d
    for m in picks:
        v = r.choice([b"99999999999999999999999999999", b"-1", b"1.2.3", b"1,234,567", b"0.0000001", b"1e308", b"-0"])
        b = b[: m.start()] + v + b[m.end() :]
    return b, f"{len(picks)} numbers changed"


def t_splice(d, r, sources):
    other = r.choice(sources)[1]
    a = boundary(d, r.randrange(len(d) + 1), r)
    z = boundary(other, r.randrange(len(other) + 1), r)
    return d[:a] + other[z:], f"spliced at {a} with another file from {z}"


def h_nesting(d, r, _):
    depth = r.choice([100, 1000, 10000, 100000])
    tag = r.choice([b"div", b"table", b"b", b"span", b"font", b"td", b"tr", b"ul"])
    closed = r.random() < 0.5
    at = d.lower().find(b"<body")
    at = d.find(b">", at) + 1 if at >= 0 else 0
    opened = b"<" + tag + b">"
    if tag == b"table":
        opened = b"<table><tr><td>"
    inner = d[at:]
    close = (b"</td></tr></table>" if tag == b"table" else b"</" + tag + b">") * depth if closed else b""
    return d[:at] + opened * depth + inner + close, f"<{tag.decode()}> nested x{depth}" + ("" if closed else " unclosed")


def h_spans(d, r, _):
    v = r.choice([b"0", b"-1", b"1000", b"65535", b"99999999", b"abc", b"2147483648"])
    attr = r.choice([b"colspan", b"rowspan"])
    cells = list(re.finditer(rb"<t[dh]\b", d, re.I))
    if not cells:
        return d, "no cell"
    b = d
    for m in sorted(r.sample(cells, min(len(cells), r.choice([1, 5, 50]))), key=lambda m: m.start(), reverse=True):
        b = b[: m.end()] + b" " + attr + b'="' + v + b'"' + b[m.end() :]
    return b, f"{attr.decode()}={v.decode()} on cells"


def h_rows(d, r, _):
    rows = list(re.finditer(rb"<tr\b.*?</tr>", d, re.I | re.S))
    if not rows:
        return d, "no row"
    m = r.choice(rows)
    times = r.choice([2, 10, 100, 1000])
    return d[: m.end()] + m.group(0) * times + d[m.end() :], f"a table row x{times}"


def h_unclose(d, r, _):
    tag = r.choice([b"</td>", b"</tr>", b"</table>", b"</p>", b"</div>", b">", b"\""])
    kind = r.randrange(3)
    if kind == 0:
        return d.replace(tag, b""), f"every {tag.decode()} removed"
    opener = r.choice([b"<!--", b"<script>", b"<![CDATA[", b"<style>", b"<title>", b"<textarea>", b"<"])
    at = r.randrange(len(d) + 1)
    if kind == 1:
        return d[:at] + opener + d[at:], f"unclosed {opener.decode()} inserted"
    return re.sub(rb"<[^<>]*>", b"", d), "all tags stripped"


def h_entities(d, r, _):
    ent = r.choice([b"&#0;", b"&#xFFFFFFFF;", b"&#55296;", b"&nbsp;", b"&#x110000;", b"&amp", b"&#99999999999;", b"&#12288;"])
    n = r.choice([1, 10, 1000, 100000])
    at = r.randrange(len(d) + 1)
    return d[:at] + ent * n + d[at:], f"{ent.decode()} x{n}"


TEXT_MUTATIONS = [
    (t_chars, 5),
    (t_flip, 2),
    (t_truncate, 2),
    (t_repeat_chunk, 2),
    (t_long_line, 2),
    (t_many_numbers, 3),
    (t_spaces, 2),
    (t_invalid_bytes, 1),
    (t_encoding, 2),
    (t_lines, 2),
    (t_numbers, 2),
    (t_splice, 1),
]
HTML_MUTATIONS = TEXT_MUTATIONS + [(h_nesting, 3), (h_spans, 2), (h_rows, 2), (h_unclose, 2), (h_entities, 1)]


def mutate_text(r, sources):
    name, data = r.choice(sources)
    html = name.endswith((".html", ".htm"))
    steps = []
    for _ in range(r.choice([1, 1, 2, 2, 3])):
        data, what = apply(pick(r, HTML_MUTATIONS if html else TEXT_MUTATIONS), data, r, sources)
        steps.append(what)
    ext = ".html" if html else ".txt"
    if r.random() < 0.05:  # the other reader
        ext = ".txt" if html else ".html"
        steps.append(f"read as {ext}")
    return name, data[:MAX_MUTANT], steps, ext


def apply(fn, data, r, sources):
    """A mutation's result; the data as is when the mutation does not apply to it (a bug of this script
    must not end a round)."""
    try:
        return fn(data, r, sources)
    except Exception as e:  # noqa: BLE001
        return data, f"{fn.__name__} failed ({type(e).__name__}: {e}): left as is"


def pick(r, weighted):
    total = sum(w for _, w in weighted)
    x = r.uniform(0, total)
    for fn, w in weighted:
        x -= w
        if x <= 0:
            return fn
    return weighted[-1][0]


# ---------------------------------------------------------------------------------------------------
# Running the binary


def tree_peak_kb(pid):
    """The largest peak resident size (VmHWM, KiB) of `pid` and its children; 0 where /proc cannot say."""
    pids = [pid]
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            pids += [int(c) for c in f.read().split()]
    except (OSError, ValueError):
        pass
    peak = 0
    for p in pids:
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmHWM:"):
                        peak = max(peak, int(line.split()[1]))
                        break
        except (OSError, ValueError, IndexError):
            pass
    return peak


class Round:
    def __init__(self, args):
        self.args = args
        self.work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="nianbao-fuzz-"))
        self.work.mkdir(parents=True, exist_ok=True)
        self.failures = Path(args.failures)
        self.counts = {"pdf": 0, "text": 0}
        self.failed = []  # (category, input name)
        self.contained = []  # (finding rule, input name)
        self.missing = 0
        self.signals = 0
        self.hangs = 0
        self.bad_exit = 0
        self.unreadable = {"p": 0, "t": 0}
        self.estimates = []  # (estimated seconds, saved copy)
        self.max_rss_mb = 0
        self.batch_times = []
        self.notes = {}  # input name -> how it was made

    # -- one batch --------------------------------------------------------------------------------

    def run(self, inputs_dir, out_dir, jobs, extra=(), timeout=None):
        """Runs the binary; (exit status or -signal, stderr, wall seconds, peak RSS MiB, hung).

        The peak RSS is that of the largest process of the run (nianbao or one of its workers), from the
        high-water marks in /proc while it runs: the `ru_maxrss` of `wait4` would include this script's
        own, which a child inherits across exec."""
        cmd = [self.args.binary, "run", str(inputs_dir), "--output", str(out_dir), "--jobs", str(jobs), "--quiet"]
        cmd += list(extra) + self.args.extra
        err_path = out_dir.parent / (out_dir.name + ".stderr")
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        start = time.monotonic()
        peak_kb = 0
        with open(err_path, "wb") as err:
            p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, start_new_session=True)
            hung = False
            while True:
                peak_kb = max(peak_kb, tree_peak_kb(p.pid))
                pid, status, usage = os.wait4(p.pid, os.WNOHANG)
                if pid:
                    break
                if time.monotonic() - start > (timeout or self.args.batch_timeout):
                    hung = True
                    os.killpg(p.pid, signal.SIGKILL)
                    pid, status, usage = os.wait4(p.pid, 0)
                    break
                time.sleep(0.02)
        wall = time.monotonic() - start
        p.returncode = os.waitstatus_to_exitcode(status)
        stderr = err_path.read_text(errors="replace")
        return p.returncode, stderr, wall, peak_kb / 1024, hung

    def check(self, names, out_dir):
        """Per input: None when its outputs are there and sound, else what is wrong; and contained findings."""
        problems, contained = {}, {}
        for name in names:
            stem = Path(name).stem
            j, t = out_dir / (stem + ".json"), out_dir / (stem + ".txt")
            if not j.exists():
                problems[name] = "no NAME.json"
                continue
            if not t.exists():
                problems[name] = "no NAME.txt"
                continue
            try:
                doc = json.loads(j.read_bytes())
            except ValueError as e:
                problems[name] = f"NAME.json is not JSON: {e}"
                continue
            rules = {f.get("rule") for f in doc.get("findings", [])}
            for rule in ("crash", "budget"):
                if rule in rules:
                    contained[name] = rule
            if "unreadable" in rules:
                self.unreadable[name[0]] = self.unreadable.get(name[0], 0) + 1
        return problems, contained

    @staticmethod
    def corpus_problem(names, out_dir):
        """What is wrong with the corpus files of a run over `names`, or None."""
        reports = out_dir / "reports.csv"
        if not reports.exists() or not (out_dir / "corpus.sqlite").exists():
            return "no reports.csv or corpus.sqlite"
        try:
            with open(reports, newline="", encoding="utf-8-sig") as f:
                rows = {row["source"] for row in csv.DictReader(f)}
        except (ValueError, KeyError, csv.Error) as e:
            return f"reports.csv cannot be read: {e}"
        missing = set(names) - rows
        return f"{len(missing)} inputs not in reports.csv" if missing else None

    def batch(self, index, kind, mutants):
        """mutants: [(file name, bytes, note)]."""
        bdir = self.work / f"b{index:05d}"
        inputs, out = bdir / "in", bdir / "out"
        inputs.mkdir(parents=True)
        for name, data, note in mutants:
            (inputs / name).write_bytes(data)
            self.notes[name] = note
        names = [m[0] for m in mutants]
        began = time.time()
        code, stderr, wall, rss, hung = self.run(inputs, out, self.args.jobs)
        self.batch_times.append(wall)
        self.max_rss_mb = max(self.max_rss_mb, rss)
        problems, contained = self.check(names, out)
        corpus = None if hung or code else self.corpus_problem(names, out)
        fatal = [ln for ln in stderr.splitlines() if re.search(r"Fatal error|cannot write output|not written|Illegal instruction|Segmentation", ln)]
        if corpus:
            fatal.append(corpus)
        batch_failed = hung or code != 0 or problems or fatal
        self.counts[kind] += len(names)
        for name, rule in contained.items():
            self.contained.append((rule, name))
            self.save(inputs / name, "contained", f"{rule} finding: the worker died or ran over budget")
        self.estimate(inputs, names, out, began)
        if batch_failed:
            what = "hung (killed after --batch-timeout)" if hung else (
                f"killed by signal {-code}" if code < 0 else f"exit status {code} ({EXIT_CODES.get(code, 'undocumented')})"
                if code else "")
            if hung:
                self.hangs += 1
            elif code < 0:
                self.signals += 1
            elif code:
                self.bad_exit += 1
            self.missing += len(problems)
            print(f"fuzz: batch {index} ({kind}, {len(names)} inputs): {what} {len(problems)} without sound output"
                  + (f"; stderr: {fatal[0]}" if fatal else ""), file=sys.stderr)
            self.isolate(index, inputs, names, problems, what or "; ".join(fatal[:1]) or "bad output", stderr)
        if not self.args.keep:
            shutil.rmtree(bdir, ignore_errors=True)

    def estimate(self, inputs, names, out, began):
        """Each document's time, from the times its NAME.txt was written: the binary hands documents to
        its `jobs` workers in the order of their paths, so the i-th document started when the (i-jobs)-th
        completion freed a worker (the first ones when the run began). The slowest few are kept, to be
        timed again alone."""
        done = {}
        for name in names:
            t = out / (Path(name).stem + ".txt")
            if t.exists():
                done[name] = t.stat().st_mtime_ns / 1e9
        completions = sorted(done.values())
        jobs = self.args.jobs
        for i, name in enumerate(sorted(names)):
            if name not in done:
                continue
            start = completions[i - jobs] if jobs <= i < len(completions) + jobs else began
            est = max(0.0, done[name] - min(start, done[name]))
            if len(self.estimates) < self.args.slowest or est > min(e for e, _ in self.estimates):
                keep = self.work / "slow" / name
                keep.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(inputs / name, keep)
                self.estimates.append((est, keep))
                self.estimates.sort(key=lambda e: -e[0])
                for _, dropped in self.estimates[self.args.slowest :]:
                    dropped.unlink(missing_ok=True)
                del self.estimates[self.args.slowest :]

    def isolate(self, index, inputs, names, problems, what, stderr):
        """Runs the failing batch's suspects one by one and saves those that fail alone."""
        suspects = list(problems) or names
        culprits = []
        for name in suspects[: self.args.isolate_max]:
            single = self.work / f"single-{index}" / "in"
            single.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(inputs / name, single / name)
            code, err, _, _, hung = self.run(single, single.parent / "out", 1, timeout=min(self.args.batch_timeout, 300))
            bad, _ = self.check([name], single.parent / "out")
            if hung or code != 0 or bad:
                why = "hung" if hung else (f"signal {-code}" if code < 0 else (f"exit {code}" if code else bad[name]))
                culprits.append(name)
                self.save(inputs / name, "failing", f"alone: {why}\n--- stderr ---\n{err[:6000]}")
                self.failed.append((why, name))
            shutil.rmtree(single.parent, ignore_errors=True)
        if not culprits:
            dest = self.failures / "batches" / f"b{index:05d}"
            dest.mkdir(parents=True, exist_ok=True)
            for name in names:
                shutil.copyfile(inputs / name, dest / name)
            (dest / "NOTE.txt").write_text(
                f"{what}; no input fails alone\n" + "".join(f"{n}: {self.notes.get(n, '')}\n" for n in names)
                + "\n--- stderr ---\n" + stderr[-8000:])
            self.failed.append((what + " (batch only)", f"batch {index}"))

    def save(self, path, folder, why):
        dest = self.failures / folder
        dest.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, dest / path.name)
        (dest / (path.name + ".note")).write_text(f"{self.notes.get(path.name, '')}\n{why}\n")

    # -- the slowest, timed alone ------------------------------------------------------------------

    def time_alone(self):
        results = []
        for est, path in self.estimates:
            if not path.exists():
                continue
            d = self.work / "alone" / "in"
            shutil.rmtree(d.parent, ignore_errors=True)
            d.mkdir(parents=True)
            shutil.copyfile(path, d / path.name)
            code, _, wall, rss, hung = self.run(d, d.parent / "out", 1, ["--no-cache"])
            results.append((wall, est, rss, path.name, self.notes.get(path.name, "")))
            self.save(path, "slowest", f"{wall:.2f} s alone (--jobs 1 --no-cache, the process's whole time)")
        shutil.rmtree(self.work / "alone", ignore_errors=True)
        return sorted(results, reverse=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, default=100, help="mutated PDFs to make and run (default 100)")
    ap.add_argument("--text-count", type=int, default=0, help="mutated .txt and .html inputs (default 0)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--time-limit", type=float, default=0, help="stop starting batches after T seconds (0: none)")
    ap.add_argument("--binary", default=str(ROOT / ".build/release/nianbao"), help="nianbao binary")
    ap.add_argument("--keep", action="store_true", help="keep the work folder (inputs and outputs of every batch)")
    ap.add_argument("--work", help="work folder (default: a new temporary folder)")
    ap.add_argument("--failures", default="fuzz-failures", help="where failing inputs go (default ./fuzz-failures)")
    ap.add_argument("--batch", type=int, default=50, help="inputs per run of the binary (default 50)")
    ap.add_argument("--jobs", type=int, default=2, help="--jobs of each run (default 2)")
    ap.add_argument("--batch-timeout", type=float, default=900, help="a run over this many seconds is a hang")
    ap.add_argument("--slowest", type=int, default=5, help="how many of the slowest documents to time alone")
    ap.add_argument("--isolate-max", type=int, default=50, help="inputs of a failing batch run alone, at most")
    ap.add_argument("--emit", metavar="DIR", help="only write the mutants to DIR (same names as in a round), run nothing")
    ap.add_argument("extra", nargs="*", help="more options for `nianbao run` (after --)")
    args = ap.parse_args()
    if not os.access(args.binary, os.X_OK):
        ap.error(f"no binary at {args.binary} (swift build -c release)")
    if args.count < 0 or args.text_count < 0 or args.batch < 1:
        ap.error("counts must be >= 0 and --batch >= 1")

    pdfs = [(p.name, p.read_bytes()) for p in sorted((ROOT / "Corpus").glob("*.pdf"))]
    texts = [(p.name, p.read_bytes()) for p in sorted((ROOT / "Corpus").iterdir()) if p.suffix in (".txt", ".html")]
    texts = [(n, d) for n, d in texts if d]  # an empty file has nothing to mutate
    rnd = Round(args)
    begin = time.monotonic()
    made = {"pdf": 0, "text": 0}
    want = {"pdf": args.count, "text": args.text_count}
    index = 0
    stopped = False
    print(f"fuzz: {args.count} PDFs, {args.text_count} text/HTML inputs, seed {args.seed}, work {rnd.work}", file=sys.stderr)
    while made["pdf"] < want["pdf"] or made["text"] < want["text"]:
        if args.time_limit and time.monotonic() - begin > args.time_limit:
            stopped = True
            break
        # Interleaved: the kind that is furthest behind its share goes next.
        kind = min((k for k in made if made[k] < want[k]), key=lambda k: made[k] / want[k])
        mutants = []
        for _ in range(min(args.batch, want[kind] - made[kind])):
            n = made[kind]
            r = random.Random(f"{args.seed}:{kind}:{n}")
            if kind == "pdf":
                src, data, steps = mutate_pdf(r, pdfs)
                ext = ".pdf"
            else:
                src, data, steps, ext = mutate_text(r, texts)
            name = f"{kind[0]}{n:06d}_{Path(src).stem[:40]}{ext}"
            mutants.append((name, data, f"from {src}, seed {args.seed}:{kind}:{n}: " + "; ".join(steps)))
            made[kind] += 1
        if args.emit:
            Path(args.emit).mkdir(parents=True, exist_ok=True)
            for name, data, note in mutants:
                (Path(args.emit) / name).write_bytes(data)
                (Path(args.emit) / (name + ".note")).write_text(note + "\n")
            continue
        rnd.batch(index, kind, mutants)
        index += 1
        done = made["pdf"] + made["text"]
        if index % 10 == 0:
            print(f"fuzz: {done} inputs in {time.monotonic() - begin:.0f} s, {len(rnd.failed)} failing", file=sys.stderr)

    if args.emit:
        print(f"fuzz: {made['pdf']} PDFs and {made['text']} text/HTML inputs written to {args.emit}")
        shutil.rmtree(rnd.work, ignore_errors=True)
        return 0
    slow = rnd.time_alone()
    elapsed = time.monotonic() - begin
    print(f"fuzz: {rnd.counts['pdf']} PDFs and {rnd.counts['text']} text/HTML inputs in {elapsed:.0f} s"
          + (" (stopped by --time-limit)" if stopped else ""))
    print(f"fuzz: runs killed by a signal {rnd.signals}, hung {rnd.hangs}, bad exit status {rnd.bad_exit}; "
          f"inputs without sound output {rnd.missing}; failing alone {len([f for f in rnd.failed if not f[1].startswith('batch')])}")
    print(f"fuzz: unreadable (an error finding, as damaged input may be): {rnd.unreadable['p']} PDFs, "
          f"{rnd.unreadable['t']} texts and pages; "
          f"{len(rnd.contained)} contained by a worker (crash/budget findings)"
          + (": " + ", ".join(sorted({r for r, _ in rnd.contained})) if rnd.contained else ""))
    if rnd.batch_times:
        print(f"fuzz: {len(rnd.batch_times)} runs, slowest run {max(rnd.batch_times):.1f} s, "
              f"largest process {rnd.max_rss_mb:.0f} MiB at its peak")
    for wall, est, rss, name, note in slow:
        print(f"fuzz: slow: {name}: {wall:.2f} s alone (estimated {est:.2f} s in its batch), {rss:.0f} MiB — {note}")
    for why, name in rnd.failed:
        print(f"fuzz: FAILED {name}: {why}")
    print(f"fuzz: inputs saved in {rnd.failures}/ (failing/, contained/, slowest/, batches/)")
    if args.keep:
        print(f"fuzz: work folder kept: {rnd.work}")
    else:
        shutil.rmtree(rnd.work, ignore_errors=True)
    return 1 if rnd.failed else 0


if __name__ == "__main__":
    sys.exit(main())
