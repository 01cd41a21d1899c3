"""corpusgen: the synthetic PDF reports of Corpus/ and of the benchmark, with their expected files.

The command line is Corpus/tools/make_corpus.py; Corpus/tools/make_real_forms.py reuses the truth, the
prose and the reader.  The modules, in the order a document goes through them:

    truth.py     the template's structure, the field ids, the truth (field id -> number) drawn for each
                 document, the identities it breaks on purpose, the document's definition (Spec) and its
                 expected JSON
    variants.py  the committed corpus documents and the benchmark's random ones (their Specs)
    prose.py     the report's text besides its tables (overview, problems, other matters, dates)
    chinese.py   simplified -> traditional (and back) for the characters the texts use
    cells.py     what the tables print: their layouts and number formats (shared by render and check)
    fodt.py      the flat ODF (.fodt) writer: page styles, paragraphs, tables with merged cells
    render.py    a report composed as FODT, converted by LibreOffice, then varied (Ghostscript, qpdf,
                 poppler, img2pdf: rotated, sideways, encrypted, truncated, scanned, garbled, tables
                 pasted as pictures), and the expected files written beside
    scan.py      the OCR documents' pictures (Pillow): pages degraded like a paper copy through a
                 scanner (paper tone, noise, blur, skew, specks, punch holes, a staple, a red seal,
                 sideways, an empty back side; gray or colour JPEG, 1-bit CCITT), tables cut out as pictures
    pdftools.py  the external programs: soffice, gs, qpdf, pdfinfo, pdftotext, img2pdf
    check.py     every PDF read back with pdftotext and compared with its expected file (an OCR
                 document: what can be checked without OCR)

The OCR documents (Corpus/ocr_*.pdf, pdf_28) are made the same way and scanned, garbled or given
pictures of their tables only after their text PDF was read back (render.assert_printed), so their
expected files are the truth OCR has to find.

Why the expected values are computed here and not by nianbao: an expected file is the generator's truth,
the numbers it chose and printed, never nianbao's output.  The golden tests then compare two independent
readings of each document (what was printed, what nianbao reads back); an expected file made by running
nianbao would only check that nianbao agrees with itself.  Nothing here imports, runs or copies the Swift
code, and --check confirms with pdftotext, a third reader, that every expected number is printed where
the expected file says.

Paths are relative to the repository (this package lives in Corpus/tools/corpusgen/).
"""
import os

TOOLS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.dirname(TOOLS)
REPOSITORY = os.path.dirname(CORPUS)
# The field list of the output contract (a copy of ../shared/spec/fields.tsv, checked by FieldCatalogTests).
FIELDS_TSV = os.path.join(REPOSITORY, "Pipelines", "fields.tsv")
# The shared identity checker beside the repository, used by --check when present (make_corpus.py --identities).
IDENTITIES = os.path.normpath(os.path.join(REPOSITORY, "..", "shared", "tools", "identities.py"))
