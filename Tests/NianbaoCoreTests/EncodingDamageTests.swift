import Foundation
import NianbaoTestSupport
import Testing

@testable import NianbaoCore

/// UTF-8 text with a few invalid bytes is read, with the damage reported; legacy encodings are not
/// taken for damaged UTF-8.
@Suite struct EncodingDamageTests {
    static let report = "Corpus/001_a8d23b48448f5a19.txt"

    /// The report's bytes with a byte 0xFF (never valid in UTF-8) inserted at each of `offsets`.
    static func damaged(at offsets: [Int]) throws -> [UInt8] {
        var bytes = try repositoryBytes(report)
        for offset in offsets.sorted(by: >) { bytes.insert(0xFF, at: offset) }
        return bytes
    }

    /// The offset of the first byte of line `line` (1-based) of `bytes`.
    static func offset(ofLine line: Int, in bytes: [UInt8]) -> Int {
        var seen = 1
        for (i, b) in bytes.enumerated() where b == 0x0A {
            seen += 1
            if seen == line { return i + 1 }
        }
        return bytes.count
    }

    @Test("one invalid byte in a 10 KB UTF-8 text: read, and a warning names its line")
    func oneBadByte() throws {
        let clean = try repositoryBytes(Self.report)
        #expect(clean.count > 10_000)
        let bytes = try Self.damaged(at: [Self.offset(ofLine: 7, in: clean)])
        let decoded = try TextDecoding.decode(bytes)
        #expect(decoded.encoding == "UTF-8")
        let damage = try #require(decoded.damage)
        #expect(damage.count == 1 && damage.lines == [7] && damage.lineCount == 1)
        #expect(decoded.text.unicodeScalars.filter { $0 == "\u{FFFD}" }.count == 1)
        let finding = try #require(decoded.findings.first)
        #expect(finding.rule == "encoding_damage" && finding.severity == .warning)
        #expect(finding.message.contains("on line 7;"), "\(finding.message)")
    }

    @Test("damage on many lines: the first five are named, and how many more")
    func manyLines() throws {
        let clean = try repositoryBytes(Self.report)
        let lines = [3, 5, 9, 12, 20, 30, 40]
        let bytes = try Self.damaged(at: lines.map { Self.offset(ofLine: $0, in: clean) })
        let damage = try #require(try TextDecoding.decode(bytes).damage)
        #expect(damage.count == 7 && damage.lines == [3, 5, 9, 12, 20] && damage.lineCount == 7)
        #expect(damage.finding.message.contains("on lines 3, 5, 9, 12, 20 and 2 more lines"))
    }

    @Test("line numbers count \\r\\n and \\r as one line break each, as the text reader does")
    func lineBreaks() throws {
        let han = Array(String(repeating: "政府信息公开工作年度报告", count: 40).utf8)
        let bytes = han + Array("\r\n".utf8) + han + Array("\r".utf8) + han + [0xFF] + han
        let damage = try #require(try TextDecoding.decode(bytes).damage)
        #expect(damage.lines == [3])
        let layout = PlainTextReader.read(String(decoding: bytes, as: UTF8.self))
        #expect(layout.lines.firstIndex { $0.text.contains("\u{FFFD}") }.map { layout.lines[$0].sourceLine } == 3)
    }

    @Test("a UTF-8 text with a byte-order mark and a bad byte is read the same way")
    func withBOM() throws {
        let clean = try repositoryBytes(Self.report)
        var bytes = [0xEF, 0xBB, 0xBF] + clean
        bytes.insert(0xFF, at: 3 + Self.offset(ofLine: 4, in: clean))
        let decoded = try TextDecoding.decode(bytes)
        #expect(decoded.damage?.lines == [4] && !decoded.text.hasPrefix("\u{FEFF}"))
    }

    @Test("text that is mostly damage stays unreadable")
    func mostlyDamage() throws {
        let clean = try repositoryBytes(Self.report)
        // One bad byte every 60 bytes: about one character in 20 damaged, far past 1 in 100.
        let bytes = try Self.damaged(at: Array(stride(from: 0, to: clean.count, by: 60)))
        #expect(EncodingDamage.repair(bytes[...]) == nil)
        do {
            let decoded = try TextDecoding.decode(bytes)
            #expect(decoded.encoding != "UTF-8" && decoded.damage == nil)
        } catch {
            #expect(error.kind == .encoding || error.kind == .garbled)
        }
    }

    @Test(
        "GBK, GB2312 and Big5 pages are not taken for damaged UTF-8",
        arguments: [
            "Corpus/web_cms_word_gbk.html", "Corpus/web_cms_trs_gb2312.html", "Corpus/web_2021_gbk_blank_zeros.html",
            "Corpus/web_cms_big5_trad.html",
        ])
    func legacyEncodings(_ path: String) throws {
        let bytes = try repositoryBytes(path)
        #expect(EncodingDamage.measure(bytes[...]) == nil)
        let decoded = try TextDecoding.decodeMarkup(bytes, declared: HTMLReader.declaredCharset(bytes))
        #expect(decoded.encoding != "UTF-8" && decoded.damage == nil)
    }

    @Test("short GBK text with a single character is GB18030, not damaged UTF-8")
    func shortGBK() throws {
        // 临汾市 in GBK between ASCII: no valid multi-byte UTF-8 sequence at all.
        let bytes = Array("2023 ".utf8) + [193, 217, 183, 218, 202, 208] + Array(" report\n".utf8)
        #expect(EncodingDamage.measure(bytes[...]) == nil)
    }

    @Test("the pipeline reads a damaged report as it reads the clean one, with the warning")
    func pipeline() throws {
        let pipeline = try Pipeline(rules: projectRules)
        let clean = try repositoryBytes(Self.report)
        let line = 11
        let bytes = try Self.damaged(at: [Self.offset(ofLine: line, in: clean) + 3])
        let expected = pipeline.process(name: "report.txt", bytes: clean, kind: .text)
        let result = pipeline.process(name: "report.txt", bytes: bytes, kind: .text)
        #expect(result.unreadable == nil)
        #expect(result.fields == expected.fields)
        let warnings = result.findings.filter { $0.rule == FindingID.encodingDamage }
        #expect(warnings.count == 1 && warnings.first?.message.contains("line \(line);") == true)
        #expect(!expected.findings.contains { $0.rule == FindingID.encodingDamage })
    }
}
