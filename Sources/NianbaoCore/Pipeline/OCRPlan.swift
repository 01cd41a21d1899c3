/// Which pages and regions of a PDF the text layer cannot give, so OCR must read them (`OCRRequest`):
///
/// - a page without characters that shows an image: a scan;
/// - a page whose characters are mostly what a font without a Unicode map decodes to (U+FFFD, Latin-1,
///   private-use code points), or every page with text when the document's text as a whole is not
///   plausible Chinese (`TextDecoding.checkPlausible`);
/// - on a text page, a picture wide and tall enough to be a table, with no characters over it: a table
///   pasted as an image.
///
/// Pages read from their text layer are never OCR'd.
public enum OCRPlan {
    /// A picture at least this share of the page wide and this many points tall, with no characters over it,
    /// may be a table pasted as an image (a seal, a logo or a banner is smaller or flatter).
    static let minimumTableWidth = 0.4
    static let minimumTableHeight = 40.0
    /// A page is garbled when this share of its characters are suspicious, over this many characters.
    static let garbledShare = 0.25
    static let garbledMinimum = 20

    /// The requests for `pages`, in page order, and the document as its text layer gives it when that
    /// was laid out to judge it (no request then, unless its text as a whole is not plausible Chinese).
    /// One pass over the characters for a text PDF; nothing is copied.
    static func plan(_ pages: [PageGlyphs], layout: PageLayout) -> (requests: [OCRRequest], document: LayoutDocument?) {
        let requests = requests(pages, wholeTextGarbled: false)
        let requested = Set(requests.filter { $0.region == nil }.map(\.page))
        let textPages = pages.filter { page in
            !requested.contains(page.number) && page.glyphs.contains { !$0.character.isWhitespace }
        }
        guard !textPages.isEmpty else { return (requests, nil) }
        // The text layer of the pages left must read as Chinese as a whole: judged on the laid-out text
        // when nothing else is asked for (it is the document then), on the characters otherwise.
        let document = requests.isEmpty ? layout.layout(pages) : nil
        let text =
            document.map { $0.lines.map(\.text).joined(separator: "\n") }
            ?? String(textPages.flatMap { $0.glyphs.map(\.character) })
        do throws(UnreadableDocument) {
            try TextDecoding.checkPlausible(text)
            return (requests, document)
        } catch {
            return (Self.requests(pages, wholeTextGarbled: true), nil)
        }
    }

    /// The requests for `pages`, in page order; `wholeTextGarbled`: every page with text is garbled.
    public static func requests(_ pages: [PageGlyphs], wholeTextGarbled: Bool = false) -> [OCRRequest] {
        var requests: [OCRRequest] = []
        for page in pages {
            var visible = 0, suspicious = 0, total = 0
            for glyph in page.glyphs where !glyph.character.isWhitespace {
                visible += 1
                for scalar in glyph.character.unicodeScalars {
                    total += 1
                    let v = scalar.value
                    if v == 0xFFFD || (0x0080...0x00FF).contains(v) || (0xE000...0xF8FF).contains(v) { suspicious += 1 }
                }
            }
            let largest = page.images.max { $0.box.width * $0.box.height < $1.box.width * $1.box.height }
            if visible == 0 {
                if let largest {
                    requests.append(OCRRequest(page: page.number, reason: .noText, imageDPI: largest.dpi))
                }
                continue
            }
            if wholeTextGarbled
                || (visible >= garbledMinimum && Double(suspicious) >= garbledShare * Double(max(total, 1)))
            {
                requests.append(OCRRequest(page: page.number, reason: .garbled, imageDPI: largest?.dpi))
                continue
            }
            for image in page.images {
                let box = Box(
                    x0: max(0, image.box.x0), y0: max(0, image.box.y0), x1: min(page.width, image.box.x1),
                    y1: min(page.height, image.box.y1))
                guard box.width >= minimumTableWidth * page.width, box.height >= minimumTableHeight,
                    !page.glyphs.contains(where: { box.contains($0.box.midX, $0.box.midY) })
                else { continue }
                requests.append(OCRRequest(page: page.number, reason: .imageTable, region: box, imageDPI: image.dpi))
            }
        }
        return requests
    }

    /// The share of characters that look like a failed text layer: U+FFFD, Latin-1 (U+0080–U+00FF, what
    /// GBK text becomes through a font without a proper Unicode map) and private-use code points. 0 for
    /// pages without characters. It does not see garbage made of ASCII (`#$%&'/01`): a share of Han
    /// characters is the caller's other test.
    public static func garbledFraction(of pages: [PageGlyphs]) -> Double {
        var total = 0, suspicious = 0
        for page in pages {
            for glyph in page.glyphs {
                for scalar in glyph.character.unicodeScalars {
                    total += 1
                    let v = scalar.value
                    if v == 0xFFFD || (0x0080...0x00FF).contains(v) || (0xE000...0xF8FF).contains(v) { suspicious += 1 }
                }
            }
        }
        return total == 0 ? 0 : Double(suspicious) / Double(total)
    }
}
