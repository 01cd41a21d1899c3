import ArgumentParser
import Foundation
import NianbaoCore
import NianbaoOCR
import NianbaoPDF
import NianbaoRun
import NianbaoSystem

/// `nianbao extract`: a worker process of `nianbao run` (`WorkerPool`). It reads requests from stdin, one
/// frame each (`Frames`: the input's kind, or `ocr`, a newline, its bytes), and answers each on stdout with
/// the layout (or OCR) stage's outcome as the stage cache stores it, until stdin closes. Not for use by
/// hand.
struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract", abstract: "Worker process of `nianbao run` (framed requests on stdin).",
        shouldDisplay: false)

    @Option(help: "Address-space ceiling in MiB (0: none); a document that needs more ends this process.")
    var memory: Int = 0

    @Option(help: "The OCR rules (ocr.yaml as JSON); without them OCR requests are answered unreadable.")
    var ocrRules: String?

    func run() throws {
        if memory > 0 { Platform.limitAddressSpace(to: UInt64(memory) << 20) }
        // Answers go to the stdout the runner reads; anything a library prints goes to stderr instead, so
        // that no stray line can corrupt a frame.
        let answers =
            (try? FileDescriptor.standardOutput.duplicate(retryOnInterrupt: false)) ?? FileDescriptor(rawValue: -1)
        _ = try? FileDescriptor.standardError.duplicate(as: .standardOutput, retryOnInterrupt: false)
        let stage = LayoutStage(pdfReader: PDFReading.extractor)
        PDFExtractor.warmUp()
        var ocrStage: OCRStage?
        if let ocrRules, let rules = try? JSONDecoder().decode(OCRRules.self, from: Data(ocrRules.utf8)),
            case .success(let setup) = OCR.setup(rules: rules)
        {
            ocrStage = OCRStage(pdfReader: PDFReading.extractor, pageReader: setup.reader)
        }
        let fault = TestFault(ProcessInfo.processInfo.environment["NIANBAO_WORKER_FAULT"])
        while true {
            let request: [UInt8]
            do { request = try Frames.read(from: .standardInput) } catch Frames.Failure.closed { return } catch {
                throw ExitCode(74)
            }
            guard let newline = request.prefix(16).firstIndex(of: 0x0A) else { throw ExitCode(74) }
            let header = String(decoding: request[..<newline], as: UTF8.self)
            let bytes = Array(request[(newline + 1)...])
            fault?.strike(bytes)
            let answer: Data
            if header == "ocr" {
                answer =
                    ocrStage?.encodedOutcome(bytes) ?? OCRStage.encodedUnavailable("OCR is not available in the worker")
            } else if let kind = InputKind(rawValue: header) {
                answer = stage.encodedOutcome(bytes, kind: kind)
            } else {
                throw ExitCode(74)
            }
            do { try answer.withUnsafeBytes { try Frames.write([$0], to: answers) } } catch { return }
        }
    }
}

/// A fault on purpose, for the tests of the runner's isolation only: with `NIANBAO_WORKER_FAULT` set to
/// `crash:MARK` or `hang:MARK`, the worker aborts or stops answering on an input that contains `MARK`.
struct TestFault {
    var hang: Bool
    var mark: [UInt8]

    init?(_ value: String?) {
        guard let value, let colon = value.firstIndex(of: ":"), value.index(after: colon) < value.endIndex else {
            return nil
        }
        hang = value[..<colon] == "hang"
        mark = Array(value[value.index(after: colon)...].utf8)
    }

    func strike(_ bytes: [UInt8]) {
        guard bytes.count >= mark.count,
            (0...(bytes.count - mark.count)).contains(where: { bytes[$0..<($0 + mark.count)].elementsEqual(mark) })
        else { return }
        if hang {
            while true { sleep(60) }
        }
        abort()
    }
}
