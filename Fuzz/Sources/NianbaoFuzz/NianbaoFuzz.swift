import Foundation
import NianbaoCore

// libFuzzer's entry point for the readers of text and web pages and everything after them: one input is
// one document through the whole pipeline (layout → cleanup → parse with the table readers → validate),
// in this process, then its NAME.json and NAME.txt rendered. The first byte says which reader: `H` or
// `h` for the HTML reader, anything else for the text reader; the rest is the document's bytes
// (Scripts/fuzz_seeds.py writes the seed corpus in that form from Corpus/).

/// The project's rules (Pipelines/ of this checkout, or the directory in NIANBAO_RULES).
let fuzzPipeline: Pipeline = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    let rules =
        ProcessInfo.processInfo.environment["NIANBAO_RULES"].map { URL(fileURLWithPath: $0) }
        ?? root.appendingPathComponent("Pipelines")
    do {
        return try Pipeline(rules: RuleSet.load(directory: rules))
    } catch {
        fatalError("NianbaoFuzz: the rules in \(rules.path) do not load: \(error)")
    }
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let input = UnsafeBufferPointer(start: data, count: size)
    let kind: InputKind = input[0] == UInt8(ascii: "H") || input[0] == UInt8(ascii: "h") ? .html : .text
    let result = fuzzPipeline.process(name: "fuzz.\(kind.rawValue)", bytes: Array(input.dropFirst()), kind: kind)
    let json = ReportJSON.encode(result)
    precondition(
        (try? JSONSerialization.jsonObject(with: Data(json.utf8))) != nil, "NAME.json is not valid JSON:\n\(json)")
    return 0
}
