#!/bin/sh
# Regenerates the committed PDF fixtures of NianbaoPDFTests. Not run by the build or the tests.
# Needs LibreOffice Writer (apt: libreoffice-writer-nogui), qpdf and fonts-noto-cjk.
#   table.pdf                       CJK title and a 3×3 ruled table, as LibreOffice exports HTML
#   encrypted.pdf                   table.pdf, AES-256, user password "user" (cannot be opened without it)
#   encrypted-no-user-password.pdf  table.pdf, AES-256, owner password only (opens without a password)
# The other test PDFs are built in code (TestPDF.swift).
set -eu
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
soffice --headless -env:UserInstallation=file://"$work"/profile --infilter="HTML (StarWriter)" \
    --convert-to pdf:writer_pdf_Export --outdir "$work" table.html >/dev/null
qpdf --linearize "$work"/table.pdf table.pdf
qpdf --encrypt user owner 256 -- table.pdf encrypted.pdf
qpdf --encrypt "" owner 256 -- table.pdf encrypted-no-user-password.pdf
ls -l *.pdf
