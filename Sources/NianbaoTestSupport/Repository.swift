import Foundation
import NianbaoCore
import NianbaoOCR
import NianbaoPDF

// What the test targets share: the checkout's files, the project's rules, the pipeline as `nianbao run`
// builds it, scratch directories. A regular target (a test target cannot depend on another); nothing
// outside Tests/ depends on it.

/// The repository root, found from this file's path (Sources/NianbaoTestSupport/Repository.swift).
public let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// A file of the repository, by its path from the root (`Corpus/001_a8d23b48448f5a19.txt`).
public func repositoryFile(_ path: String) -> URL { repositoryRoot.appendingPathComponent(path) }

/// The bytes of a file of the repository (a corpus report, a fixture), by its path from the root.
public func repositoryBytes(_ path: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: repositoryFile(path))) }

/// The project's own rules, Pipelines/, loaded once.
public let projectRules: RuleSet = {
    do { return try RuleSet.load(directory: repositoryFile("Pipelines")) } catch {
        fatalError("the rules in Pipelines/ do not load: \(error)")
    }
}()

/// The pipeline as `nianbao run` builds it: `rules` (the project's by default), PDFs read through poppler
/// with the command's own reader, poppler set up before any worker starts.
public func popplerPipeline(rules: RuleSet = projectRules, ocr: Bool = true) throws -> Pipeline {
    PDFExtractor.warmUp()
    let setup = ocr ? try? OCR.setup(rules: rules.ocr).get() : nil
    return try Pipeline(rules: rules, pdfReader: PDFReading.extractor, ocr: setup)
}

/// A copy of Pipelines/ in a new directory under `parent` with one rule file edited; its URL.
public func pipelinesCopy(in parent: URL = scratchRoot, editing file: String, _ edit: (String) -> String) throws -> URL
{
    let dir = parent.appendingPathComponent("rules-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
    try FileManager.default.copyItem(at: repositoryFile("Pipelines"), to: dir)
    let url = dir.appendingPathComponent(file)
    try edit(try String(contentsOf: url, encoding: .utf8)).write(to: url, atomically: true, encoding: .utf8)
    return dir
}
