import Foundation
import NianbaoCore
import NianbaoOCR
import NianbaoPDF
import NianbaoTestSupport
import Testing

/// A scan fed into the scanner upside down. The reader reads a page the way its lines run and looks at
/// it again only when its text reads badly: then a band of it is read both ways up, and the page read
/// again the right way up. The upside-down scan must come out as the upright one does.
@Suite struct OrientationTests {
    /// `pages` as an image-only PDF: each an 8-bit grey image (uncompressed) filling a page of
    /// `width` × `height` points, so that the scan's resolution is its pixels over the page's size.
    static func imagePDF(_ pages: [GrayImage], width: Double, height: Double) -> Data {
        var pdf = Data("%PDF-1.4\n".utf8)
        var offsets: [Int] = []
        func object(_ number: Int, _ body: Data) {
            offsets.append(pdf.count)
            pdf.append(Data("\(number) 0 obj\n".utf8))
            pdf.append(body)
            pdf.append(Data("\nendobj\n".utf8))
        }
        // 1: catalog, 2: pages; each page i has objects 3+3i (page), 4+3i (content), 5+3i (image).
        let kids = pages.indices.map { "\(3 + 3 * $0) 0 R" }.joined(separator: " ")
        object(1, Data("<< /Type /Catalog /Pages 2 0 R >>".utf8))
        object(2, Data("<< /Type /Pages /Kids [\(kids)] /Count \(pages.count) >>".utf8))
        for (i, image) in pages.enumerated() {
            let page = 3 + 3 * i
            object(
                page,
                Data(
                    ("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 \(width) \(height)] /Contents \(page + 1) 0 R "
                        + "/Resources << /XObject << /Im0 \(page + 2) 0 R >> >> >>").utf8))
            let content = Data("q \(width) 0 0 \(height) 0 0 cm /Im0 Do Q".utf8)
            object(page + 1, Data("<< /Length \(content.count) >>\nstream\n".utf8) + content + Data("\nendstream".utf8))
            let pixels = Data(image.pixels)
            object(
                page + 2,
                Data(
                    ("<< /Type /XObject /Subtype /Image /Width \(image.width) /Height \(image.height) "
                        + "/ColorSpace /DeviceGray /BitsPerComponent 8 /Length \(pixels.count) >>\nstream\n").utf8)
                    + pixels + Data("\nendstream".utf8))
        }
        let table = pdf.count
        var xref = "xref\n0 \(offsets.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { xref += String(format: "%010ld 00000 n \n", offset) }
        xref += "trailer\n<< /Size \(offsets.count + 1) /Root 1 0 R >>\nstartxref\n\(table)\n%%EOF\n"
        pdf.append(Data(xref.utf8))
        return pdf
    }

    @Test func aScanUpsideDownIsReadAsTheUprightOne() throws {
        let original = "Corpus/ocr_01_scan300_gray.pdf"
        let renderer = try PageRenderer(bytes: [UInt8](try Data(contentsOf: repositoryFile(original))))
        let (width, height) = try #require(renderer.size(page: 1))
        // Each page at the scan's own 300 dpi, turned a half turn.
        let pages = try (1...renderer.pageCount).map { page in
            let rendered = try #require(renderer.render(page: page, scale: 300 / 72))
            return GrayImage(rendered, dropRed: false).turned(quarter: 2)
        }
        let scratch = try Scratch()
        let inputs = scratch.path("in")
        try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
        try Self.imagePDF(pages, width: width, height: height).write(to: inputs.appendingPathComponent("upside.pdf"))
        let out = scratch.path("out")
        let run = try runNianbao(["run", inputs.path, "--output", out.path, "--quiet"])
        #expect(run.status == 0, "\(run.standardError)")
        let report =
            try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("upside.json")))
            as? [String: Any]
        let truth =
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: repositoryFile("Corpus/expected/ocr_01_scan300_gray.json"))) as? [String: Any]
        let read = try #require(report?["fields"] as? [String: Any])
        let expected = try #require(truth?["fields"] as? [String: Any])
        let wrong = expected.keys.sorted().filter { "\(read[$0] ?? "missing")" != "\(expected[$0]!)" }
        #expect(wrong.isEmpty, "\(wrong.map { "\($0): \(read[$0] ?? "missing") ≠ \(expected[$0]!)" })")
        #expect(report?["year"] as? Int == truth?["year"] as? Int)
        #expect(report?["issuer"] as? String == truth?["issuer"] as? String)
    }
}
