import ArgumentParser
import Foundation
import NianbaoCore
import NianbaoReview
import NianbaoStore

/// `nianbao review OUT`: the review site of a run's output folder (`ReviewSite`), by default in
/// `OUT/review/`; open its `index.html` in a browser.
struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Write a static review site of a run's output: every number linked to the page it was read from.")

    @Argument(help: "The output folder of `nianbao run`.")
    var output: String

    @Option(help: "Where the site goes (default: OUTPUT/review).")
    var site: String?

    @Option(help: "Directory of the stage cache, where page images are kept (default: OUTPUT/.nianbao-cache).")
    var cache: String?

    @Option(
        help: "The folder `nianbao run` was started in, for inputs it was given by a relative path (default: this one)."
    )
    var base: String?

    @Flag(help: "Render the page images afresh and keep none.")
    var noCache = false

    func run() throws {
        let outputURL = URL(fileURLWithPath: output)
        let siteURL = site.map { URL(fileURLWithPath: $0) } ?? outputURL.appendingPathComponent("review")
        var store: SQLiteStageStore?
        if !noCache {
            let opened = SQLiteStageStore.open(
                directory: cache.map { URL(fileURLWithPath: $0) } ?? outputURL.appendingPathComponent(".nianbao-cache"))
            store = opened.store
            if let notice = opened.notice { FileHandle.standardError.write(Data("nianbao: \(notice)\n".utf8)) }
        }
        let summary: ReviewSite.Summary
        do {
            summary = try ReviewSite(
                output: outputURL, site: siteURL,
                base: URL(fileURLWithPath: base ?? FileManager.default.currentDirectoryPath), store: store
            ).build()
        } catch let error as ReviewSite.Refused {
            FileHandle.standardError.write(Data("nianbao: \(error)\n".utf8))
            throw Exit.cannotCreate
        } catch let error as CocoaError where error.code == .fileNoSuchFile {
            FileHandle.standardError.write(
                Data("nianbao: \(output) holds no corpus.sqlite: give the output folder of `nianbao run`\n".utf8))
            throw Exit.noInput
        } catch {
            FileHandle.standardError.write(
                Data("nianbao: cannot write the review site \(siteURL.path): \(ErrorText.reason(error))\n".utf8))
            throw Exit.ioError
        }
        try? store?.recordUse(by: "review")
        for note in summary.notes { FileHandle.standardError.write(Data("nianbao: \(note)\n".utf8)) }
        FileHandle.standardError.write(
            Data("\(summary) → \(siteURL.appendingPathComponent("index.html").path)\n".utf8))
    }
}
