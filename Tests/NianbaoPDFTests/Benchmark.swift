import Foundation
import NianbaoCore
import NianbaoPDF
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Speed of the extraction, on the PDFs of a folder: off unless NIANBAO_PDF_BENCH names the folder.
/// Meaningful in a release build only:
///
///     NIANBAO_PDF_BENCH=/path/to/pdfs swift test -c release -Xswiftc -enable-testing \
///         --scratch-path .build-pdf --filter NianbaoPDFTests.Benchmark
///
/// Prints ms per page, single-threaded (process CPU time, best of three runs), for characters only and
/// for characters and ruling lines, and the wall time of `pdftotext -layout`, one process per file.
@Suite("Benchmark")
struct Benchmark {
    static let folder = ProcessInfo.processInfo.environment["NIANBAO_PDF_BENCH"]

    static func cpuMilliseconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
        return Double(t.tv_sec) * 1e3 + Double(t.tv_nsec) / 1e6
    }

    @Test(.enabled(if: folder != nil))
    func extractionSpeed() throws {
        let directory = URL(fileURLWithPath: try #require(Self.folder))
        let urls = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension.lowercased() == "pdf" }.sorted { $0.path < $1.path }
        let files = try urls.map { Array(try Data(contentsOf: $0)) }
        PDFExtractor.warmUp()
        let pageCount = files.reduce(0) { $0 + ((try? PDFExtractor.pages(of: $1, rulingLines: false))?.count ?? 0) }
        try #require(pageCount > 0)
        for rulingLines in [false, true] {
            var best = Double.infinity
            for _ in 0..<3 {
                let start = Self.cpuMilliseconds()
                for file in files { _ = try? PDFExtractor.pages(of: file, rulingLines: rulingLines) }
                best = min(best, Self.cpuMilliseconds() - start)
            }
            print(String(format: "NianbaoPDF %@: %.2f ms/page (%d pages, %d files)",
                         rulingLines ? "characters + ruling lines" : "characters only         ", best / Double(pageCount), pageCount, files.count))
        }
        let pdftotext = URL(fileURLWithPath: "/usr/bin/pdftotext")
        guard FileManager.default.isExecutableFile(atPath: pdftotext.path) else { return }
        var best = Double.infinity
        for _ in 0..<3 {
            let start = ContinuousClock.now
            for url in urls {
                let process = Process()
                process.executableURL = pdftotext
                process.arguments = ["-layout", url.path, "/dev/null"]
                try process.run()
                process.waitUntilExit()
            }
            let elapsed = ContinuousClock.now - start
            best = min(best, Double(elapsed.components.seconds) * 1e3 + Double(elapsed.components.attoseconds) / 1e15)
        }
        print(String(format: "pdftotext -layout, one process per file: %.2f ms/page (wall)", best / Double(pageCount)))
    }
}
