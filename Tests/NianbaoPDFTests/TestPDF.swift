import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Builds small PDFs for the tests, the way Word and WPS write them where it matters: Chinese text in a
/// non-embedded font with the GBK-EUC-H encoding (read through poppler-data's CMaps), table borders as
/// thin filled rectangles.
struct TestPDF {
    struct Page {
        var mediaBox: (Double, Double, Double, Double) = (0, 0, 595, 842)
        var cropBox: (Double, Double, Double, Double)?
        var rotate = 0
        var content = ""
    }

    var pages: [Page] = []

    /// The PDF file.
    var bytes: [UInt8] {
        // Objects: 1 catalog, 2 page tree, 3 Helvetica, 4 CJK Type0 font, 5 its CIDFont, 6 its descriptor,
        // then a page object and its content stream per page.
        var objects: [[UInt8]] = []
        func add(_ text: String) { objects.append(Array(text.utf8)) }
        let kids = pages.indices.map { "\(7 + 2 * $0) 0 R" }.joined(separator: " ")
        add("<< /Type /Catalog /Pages 2 0 R >>")
        add("<< /Type /Pages /Kids [\(kids)] /Count \(pages.count) >>")
        add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
        add("<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /GBK-EUC-H /DescendantFonts [5 0 R] >>")
        add(
            """
            << /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun \
            /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> \
            /FontDescriptor 6 0 R /DW 1000 /W [1 95 500] >>
            """)
        add(
            """
            << /Type /FontDescriptor /FontName /SimSun /Flags 6 /FontBBox [0 -141 1000 859] \
            /ItalicAngle 0 /Ascent 859 /Descent -141 /CapHeight 683 /StemV 80 >>
            """)
        for (k, page) in pages.enumerated() {
            let m = page.mediaBox
            var dict = "<< /Type /Page /Parent 2 0 R /MediaBox [\(m.0) \(m.1) \(m.2) \(m.3)]"
            if let c = page.cropBox { dict += " /CropBox [\(c.0) \(c.1) \(c.2) \(c.3)]" }
            if page.rotate != 0 { dict += " /Rotate \(page.rotate)" }
            dict += " /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents \(8 + 2 * k) 0 R >>"
            add(dict)
            add("<< /Length \(page.content.utf8.count) >>\nstream\n\(page.content)\nendstream")
        }
        var pdf = Array("%PDF-1.5\n%\u{E2}\u{E3}\u{CF}\u{D3}\n".utf8)
        var offsets: [Int] = []
        for (k, object) in objects.enumerated() {
            offsets.append(pdf.count)
            pdf += Array("\(k + 1) 0 obj\n".utf8) + object + Array("\nendobj\n".utf8)
        }
        let xref = pdf.count
        var tail = "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { tail += String(format: "%010d 00000 n \n", offset) }
        tail += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return pdf + Array(tail.utf8)
    }

    // MARK: Content helpers (PDF user space: origin bottom left, y up)

    /// Chinese (or mixed) text in the GBK-EUC-H font at `size`, starting at baseline point (x, y).
    static func text(_ string: String, x: Double, y: Double, size: Double = 12) -> String {
        "BT /F2 \(size) Tf 1 0 0 1 \(x) \(y) Tm <\(gbkHex(string))> Tj ET\n"
    }

    /// The same, turned 90° counter-clockwise (what a landscape page with /Rotate 90 holds, so that it
    /// reads upright once displayed).
    static func textTurnedLeft(_ string: String, x: Double, y: Double, size: Double = 12) -> String {
        "BT /F2 \(size) Tf 0 1 -1 0 \(x) \(y) Tm <\(gbkHex(string))> Tj ET\n"
    }

    /// ASCII text in Helvetica.
    static func latin(_ string: String, x: Double, y: Double, size: Double = 12) -> String {
        "BT /F1 \(size) Tf \(x) \(y) Td (\(string)) Tj ET\n"
    }

    /// A filled rectangle (Word's way of drawing a border).
    static func bar(x: Double, y: Double, width: Double, height: Double, gray: Double = 0) -> String {
        "\(gray) g \(x) \(y) \(width) \(height) re f 0 g\n"
    }

    /// A stroked line.
    static func line(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double, width: Double = 0.5) -> String {
        "\(width) w \(x0) \(y0) m \(x1) \(y1) l S\n"
    }

    /// The GBK bytes of `string` as hex digits, through the C library's iconv.
    static func gbkHex(_ string: String) -> String {
        let cd = iconv_open("GBK", "UTF-8")
        precondition(cd != iconv_t(bitPattern: -1), "iconv has no GBK")
        defer { iconv_close(cd) }
        var input = Array(string.utf8CString.dropLast())
        var output = [CChar](repeating: 0, count: input.count * 2 + 8)
        var inLeft = input.count, outLeft = output.count
        let result = input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                var inPtr: UnsafeMutablePointer<CChar>? = inBuf.baseAddress
                var outPtr: UnsafeMutablePointer<CChar>? = outBuf.baseAddress
                return iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
            }
        }
        precondition(result != -1 && inLeft == 0, "not encodable in GBK: \(string)")
        return output[0..<(output.count - outLeft)].map { String(format: "%02X", UInt8(bitPattern: $0)) }.joined()
    }
}
