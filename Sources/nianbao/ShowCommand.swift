import ArgumentParser
import Foundation
import NianbaoCore
import NianbaoOCR
import NianbaoPDF

/// `nianbao show FILE|NAME.json`: one report's tables in the terminal, laid out as the form prints them,
/// with its findings under them (`ReportSheet`). A report file is read here and now (nothing is written);
/// a NAME.json is shown as a run wrote it.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one report's tables and findings in the terminal (a report file, or a NAME.json).")

    @Argument(help: "A report (*.pdf, *.txt, *.html) or a NAME.json that `nianbao run` wrote.")
    var file: String

    @Option(help: "OCR for a scan: auto or off.")
    var ocr: OCRMode = .auto

    @OptionGroup var rules: RulesOptions

    func run() throws {
        let url = URL(fileURLWithPath: file)
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            FileHandle.standardError.write(Data("nianbao: \(file): \(ErrorText.reason(error))\n".utf8))
            throw Exit.noInput
        }
        let result: ReportResult
        if url.pathExtension.lowercased() == "json" {
            do { result = try ReportJSON.decode(data) } catch {
                FileHandle.standardError.write(Data("nianbao: \(file): \(error)\n".utf8))
                throw Exit.badInput
            }
        } else {
            guard let kind = InputKind(pathExtension: url.pathExtension) else {
                FileHandle.standardError.write(
                    Data("nianbao: \(file): not a report nianbao reads (.pdf, .txt, .html) nor a NAME.json\n".utf8))
                throw Exit.badInput
            }
            let ruleSet = try rules.load()
            var setup: OCRSetup?
            if ocr == .auto, kind == .pdf, case .success(let s) = OCR.setup(rules: ruleSet.ocr) { setup = s }
            PDFExtractor.warmUp()
            let pipeline = try Pipeline(rules: ruleSet, pdfReader: PDFReading.extractor, ocr: setup)
            result = pipeline.process(name: url.lastPathComponent, bytes: [UInt8](data), kind: kind)
        }
        print(ReportSheet.render(result), terminator: "")
    }
}
