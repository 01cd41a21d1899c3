import Foundation
import NianbaoCore
import NianbaoPDF
import NianbaoTestSupport
import Testing

/// The review site as a reader meets it: built by the binary from a run's output, opened in headless
/// Chromium (installed by `.ci/setup` from `.ci/packages.txt`).
@Suite("Review site") struct ReviewSiteTests {
    /// A PDF and a text report of Corpus/, run and reviewed in `scratch`.
    func site(in scratch: Scratch) throws -> (out: URL, site: URL) {
        let inputs = scratch.path("in")
        try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
        for name in ["pdf_01_ruled_basic.pdf", "crawl_violation_county.txt"] {
            try FileManager.default.copyItem(
                at: repositoryFile("Corpus/" + name), to: inputs.appendingPathComponent(name))
        }
        let out = scratch.path("out")
        let run = try runNianbao(["run", "in", "--output", "out", "--quiet"], directory: scratch.url)
        #expect(run.status == 0, "\(run.standardError)")
        let review = try runNianbao(["review", "out"], directory: scratch.url)
        #expect(review.status == 0, "\(review.standardError)")
        #expect(review.standardError.contains("review: 2 reports"), "\(review.standardError)")
        return (out, out.appendingPathComponent("review"))
    }

    /// Headless Chromium's screenshot of `url` in a window `width` × `height` CSS pixels, one device pixel
    /// each.
    func screenshot(_ url: String, width: Int, height: Int, in scratch: Scratch) throws -> RGBImage {
        let browser = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
        let path = try #require(browser, "headless Chromium is not installed: bash .ci/setup installs it")
        let shot = scratch.path("shot-\(UUID().uuidString).png")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--force-device-scale-factor=1",
            "--user-data-dir=" + scratch.path("chromium-profile").path, "--window-size=\(width),\(height)",
            "--screenshot=" + shot.path, url,
        ]
        process.standardError = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return try #require(PNGCoding.decode(Data(contentsOf: shot)), "no screenshot from Chromium")
    }

    func isBoxColor(_ pixel: UInt32) -> Bool {
        let (r, g, b) = (pixel >> 16 & 0xFF, pixel >> 8 & 0xFF, pixel & 0xFF)
        return r > 200 && g < 60 && b > 200
    }

    @Test("a number on a report page opens its page image with the box drawn around the number")
    func numberOpensItsEvidence() throws {
        let scratch = try Scratch()
        let (out, site) = try site(in: scratch)
        let report = try ReportJSON.decode(Data(contentsOf: out.appendingPathComponent("pdf_01_ruled_basic.json")))
        let page = try String(
            contentsOf: site.appendingPathComponent("reports/pdf_01_ruled_basic.html"), encoding: .utf8)
        for id in ["apps.new_received.total", "review.upheld", "active.fees.amount"] {
            let value = try #require(report.fields[id])
            let evidence = try #require(report.evidence[id]?.box)
            // The number is printed in its cell as a link to its evidence.
            #expect(
                page.contains(
                    "id=\"cell-\(id)\" title=\"\(id)\"><a href=\"#ev-\(id)\">\(FieldCoding.format(value))</a></td>"),
                "\(id)")
            // Followed, the link shows the page image, the box drawn where NAME.json says the number was read:
            // 100 dpi, so a point is 100/72 pixels; the box's 3-pixel frame lies just outside the number's box.
            let url = site.appendingPathComponent("reports/pdf_01_ruled_basic.html").absoluteString
            let opened = try screenshot(url + "#ev-\(id)", width: 1000, height: 1300, in: scratch)
            let scale = 100.0 / 72
            let (x0, y0) = (Int((evidence.x0 * scale).rounded(.down)), Int((evidence.y0 * scale).rounded(.down)))
            let (x1, y1) = (Int((evidence.x1 * scale).rounded(.up)), Int((evidence.y1 * scale).rounded(.up)))
            let middleY = (y0 + y1) / 2, middleX = (x0 + x1) / 2
            func at(_ image: RGBImage, _ x: Int, _ y: Int) -> UInt32 { image.pixels[y * image.width + x] }
            #expect(isBoxColor(at(opened, x0 - 2, middleY)), "\(id): left side of the box")
            #expect(isBoxColor(at(opened, x1 + 1, middleY)), "\(id): right side")
            #expect(isBoxColor(at(opened, middleX, y0 - 2)), "\(id): top side")
            #expect(isBoxColor(at(opened, middleX, y1 + 1)), "\(id): bottom side")
            // Inside the box, the page: the number's ink, nothing of the frame's colour.
            var ink = 0
            for y in y0..<y1 {
                for x in x0..<x1 {
                    let p = at(opened, x, y)
                    #expect(!isBoxColor(p), "\(id): the frame at \(x), \(y), inside the number's box")
                    if (p >> 16 & 0xFF) < 120 && (p >> 8 & 0xFF) < 120 && (p & 0xFF) < 120 { ink += 1 }
                }
            }
            #expect(ink > 0, "\(id): no ink inside the box")
            // Not followed, no box.
            let closed = try screenshot(url, width: 1000, height: 1300, in: scratch)
            #expect(!isBoxColor(at(closed, x0 - 2, middleY)))
        }
    }

    @Test("the index lists every report with a working link; a second site renders nothing and is the same")
    func indexAndCache() throws {
        let scratch = try Scratch()
        let (_, site) = try site(in: scratch)
        let index = try String(contentsOf: site.appendingPathComponent("index.html"), encoding: .utf8)
        for name in ["pdf_01_ruled_basic", "crawl_violation_county"] {
            #expect(index.contains("<a href=\"reports/\(name).html\">"))
            #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("reports/\(name).html").path))
        }
        // The text report breaks balance, row_total and review_total: the summary by rule counts it.
        #expect(index.contains("<code>balance</code></a></td><td class=\"num\">1</td>"))
        func listing() throws -> [String] {
            try FileManager.default.subpathsOfDirectory(atPath: site.path).filter {
                !$0.hasSuffix("pages") && $0 != "reports"
            }
            .sorted()
        }
        let files = try listing()
        let before = try files.map { try Data(contentsOf: site.appendingPathComponent($0)) }
        let again = try runNianbao(["review", "out"], directory: scratch.url)
        #expect(again.status == 0)
        #expect(again.standardError.contains("(0 rendered, 3 from the cache)"), "\(again.standardError)")
        #expect(try listing() == files)
        #expect(try files.map { try Data(contentsOf: site.appendingPathComponent($0)) } == before)
    }

    @Test("a number read from a text report opens the input's line, marked")
    func lineEvidence() throws {
        let scratch = try Scratch()
        let (out, site) = try site(in: scratch)
        let report = try ReportJSON.decode(
            Data(contentsOf: out.appendingPathComponent("crawl_violation_county.json")))
        let line = try #require(report.evidence["active.penalty.decisions"]?.line)
        let source = try String(contentsOf: repositoryFile("Corpus/crawl_violation_county.txt"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false)
        let page = try String(
            contentsOf: site.appendingPathComponent("reports/crawl_violation_county.html"), encoding: .utf8)
        #expect(page.contains("<a href=\"#ev-active.penalty.decisions\">12662</a>"))
        // The crawled page is one line of text; the line is shown whole, marked.
        let marked = try #require(page.range(of: "<mark>\(line): ").map { page[$0.upperBound...] })
        let end = try #require(marked.range(of: "</mark>"))
        #expect(marked[..<end.lowerBound] == source[line - 1])
        #expect(source[line - 1].contains("行政处罚12662"))
    }

    @Test("a folder that no run wrote: one line naming it, status 66")
    func notAnOutputFolder() throws {
        let scratch = try Scratch()
        let review = try runNianbao(["review", scratch.url.path])
        #expect(review.status == 66)
        #expect(review.standardError.contains("holds no corpus.sqlite"))
    }

    @Test("PNG files through cairo: what is written reads back pixel for pixel")
    func pngRoundTrip() throws {
        var generator = SeededGenerator(seed: 7)
        let pixels = (0..<(37 * 11)).map { _ in UInt32.random(in: 0...0xFF_FFFF, using: &generator) }
        let image = RGBImage(width: 37, height: 11, pixels: pixels, scale: 1)
        let png = try #require(PNGCoding.encode(image))
        #expect(png.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]))
        #expect(PNGCoding.decode(png)?.pixels == pixels)
        #expect(PNGCoding.decode(Data("not a png".utf8)) == nil)
    }
}
