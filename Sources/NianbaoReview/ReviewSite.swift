import Foundation
import NianbaoCore
import NianbaoStore

/// The review site of an output folder (`nianbao review`): static HTML that opens from disk, with no
/// server, no network and no framework. An index of the corpus (sortable, filterable, findings counted by
/// rule, charts per issuer across years) and a page per report: tables 二, 三 and 四 as the form lays them
/// out with the values read, the cells findings name highlighted, each number a link to the page image
/// with the box it was read from drawn on it, the findings, and the cleaned text.
///
/// It reads what a run wrote: corpus.sqlite for the documents and their inputs' paths, NAME.json and
/// NAME.txt for each report. The site is made in a scratch folder beside the destination and put in
/// place whole.
public struct ReviewSite {
    /// One report as the run left it.
    public struct Report {
        /// NAME of NAME.json.
        public var name: String
        /// The input's path as the run was given it.
        public var path: String
        public var result: ReportResult
        /// NAME.txt.
        public var text: String
    }

    public struct Summary: CustomStringConvertible {
        public var reports = 0
        public var pageImages = 0
        public var pagesRendered = 0
        /// Reports, and why their pages could not be shown or they could not be read.
        public var notes: [String] = []

        public var description: String {
            "review: \(reports) reports, \(pageImages) page images (\(pagesRendered) rendered, \(pageImages - pagesRendered) from the cache)"
        }
    }

    public let output: URL
    public let site: URL
    /// What inputs given to the run by a relative path are relative to: the folder it ran in.
    public let base: URL
    let images: PageImages

    /// `output`: a run's output folder; `site`: where the site goes (its index is `site/index.html`);
    /// `base`: the folder the run was started in; `store`: the stage cache, where page images are kept.
    public init(output: URL, site: URL, base: URL, store: StageStore?) {
        self.output = output
        self.site = site
        self.base = base
        images = PageImages(store: store)
    }

    /// The bytes of `report`'s input as the run read them, or why they cannot be had: the input is not
    /// there any more, or it changed since.
    func input(_ report: Report) -> Result<[UInt8], Unavailable> {
        let url =
            report.path.hasPrefix("/") ? URL(fileURLWithPath: report.path) : base.appendingPathComponent(report.path)
        guard let data = try? Data(contentsOf: url) else {
            return .failure(
                Unavailable(reason: "the input is not at \(url.path) (give the folder the run started in with --base)"))
        }
        let bytes = [UInt8](data)
        guard Pipeline.sha256(bytes) == report.result.sha256 else {
            return .failure(Unavailable(reason: "\(url.path) changed since the run"))
        }
        return .success(bytes)
    }

    struct Unavailable: Error {
        var reason: String
    }

    /// The file that marks a folder as a review site, so that building a site again replaces only a site:
    /// `--site` naming any other folder that is not empty is refused.
    public static let marker = ".nianbao-review"

    public struct Refused: Error, CustomStringConvertible {
        public var description: String
    }

    /// Reads the output folder and writes the site. Throws when the folder holds no corpus (no run wrote
    /// it), when `site` is a folder that is not a review site (or holds the output), or when the site
    /// cannot be written; a report that cannot be read or shown is a note of the summary. Reports are read
    /// and written one at a time: only what the index shows of each is kept.
    public func build() throws -> Summary {
        let fm = FileManager.default
        let documents = try CorpusDatabase.documents(in: output)
        let sitePath = site.standardizedFileURL.resolvingSymlinksInPath().path
        let outputPath = output.standardizedFileURL.resolvingSymlinksInPath().path
        if sitePath == outputPath || outputPath.hasPrefix(sitePath + "/") {
            throw Refused(description: "the site \(site.path) would replace the output folder \(output.path)")
        }
        if fm.fileExists(atPath: site.path),
            !fm.fileExists(atPath: site.appendingPathComponent(Self.marker).path),
            !((try? fm.contentsOfDirectory(atPath: site.path))?.isEmpty ?? true)
        {
            throw Refused(
                description:
                    "\(site.path) is not a review site nianbao wrote (no \(Self.marker)): give --site a new or empty folder"
            )
        }
        var summary = Summary()
        var entries: [Report] = []
        let scratch = site.deletingLastPathComponent().appendingPathComponent(site.lastPathComponent + ".partial")
        try? fm.removeItem(at: scratch)
        try fm.createDirectory(at: scratch.appendingPathComponent("reports"), withIntermediateDirectories: true)
        try fm.createDirectory(at: scratch.appendingPathComponent("pages"), withIntermediateDirectories: true)
        try Data("nianbao review site\n".utf8).write(to: scratch.appendingPathComponent(Self.marker))
        do {
            for (name, path) in documents {
                let json = output.appendingPathComponent(name + ".json")
                let report: Report
                do {
                    let result = try ReportJSON.decode(try Data(contentsOf: json))
                    let text =
                        (try? String(contentsOf: output.appendingPathComponent(name + ".txt"), encoding: .utf8)) ?? ""
                    report = Report(name: name, path: path, result: result, text: text)
                } catch {
                    summary.notes.append("\(json.path): \(ErrorText.reason(error)); left out of the site")
                    continue
                }
                let pages = images.pages(for: report) { input(report) }
                if let note = pages.note { summary.notes.append("\(report.result.source): \(note)") }
                do {
                    for (number, image) in pages.images {
                        let file = scratch.appendingPathComponent("pages")
                            .appendingPathComponent(ReviewHTML.pageFile(report.result.sha256, number))
                        if !fm.fileExists(atPath: file.path) { try image.png.write(to: file) }
                    }
                    let html = ReviewHTML.reportPage(report, images: pages.images, note: pages.note) { input(report) }
                    try Data(html.utf8).write(
                        to: scratch.appendingPathComponent("reports").appendingPathComponent(name + ".html"))
                } catch {
                    summary.notes.append(
                        "\(report.result.source): \(ErrorText.reason(error)); its page is not in the site")
                    continue
                }
                summary.pageImages += pages.images.count
                summary.pagesRendered += pages.rendered
                entries.append(report.forIndex)
            }
            let producer = (try? CorpusDatabase.meta(in: output)) ?? [:]
            try Data(ReviewHTML.index(entries, producer: producer).utf8).write(
                to: scratch.appendingPathComponent("index.html"))
            // The new site replaces the old one whole.
            if fm.fileExists(atPath: site.path) {
                let old = site.deletingLastPathComponent().appendingPathComponent(site.lastPathComponent + ".old")
                try? fm.removeItem(at: old)
                try fm.moveItem(at: site, to: old)
                try fm.moveItem(at: scratch, to: site)
                try? fm.removeItem(at: old)
            } else {
                try fm.moveItem(at: scratch, to: site)
            }
        } catch {
            try? fm.removeItem(at: scratch)
            throw error
        }
        summary.reports = entries.count
        return summary
    }
}

extension ReviewSite.Report {
    /// What the index shows of a report: its identity, findings and the fields its charts draw; no text,
    /// no evidence.
    var forIndex: ReviewSite.Report {
        var r = result
        r.fields = r.fields.filter { ReviewCharts.drawn($0.key) }
        r.evidence = [:]
        r.repairs = [:]
        r.text = ""
        return ReviewSite.Report(name: name, path: path, result: r, text: "")
    }
}
