import Testing

@testable import NianbaoCore

@Suite struct DecodingTests {
    let title = "临汾市二〇二三年政府信息公开工作年度报告"

    @Test func utf8WithAndWithoutBOM() throws {
        #expect(try TextDecoding.decode(Array(title.utf8)).text == title)
        let bom = try TextDecoding.decode([0xEF, 0xBB, 0xBF] + Array(title.utf8))
        #expect(bom.text == title && bom.encoding == "UTF-8")
    }

    @Test func gbkBytesDecodeAsGB18030() throws {
        let gbk: [UInt8] = [
            193, 217, 183, 218, 202, 208, 182, 254, 169, 150, 182, 254, 200, 253, 196, 234, 213, 254, 184, 174,
            208, 197, 207, 162, 185, 171, 191, 170, 185, 164, 215, 247, 196, 234, 182, 200, 177, 168, 184, 230,
        ]
        let decoded = try TextDecoding.decode(gbk)
        #expect(decoded.text == title)
        #expect(decoded.encoding == "GB18030")
    }

    @Test func utf16WithBOM() throws {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in title.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        #expect(try TextDecoding.decode(bytes).text == title)
    }

    @Test func emptyAndBlankFilesAreUnreadable() {
        #expect(throws: UnreadableDocument(.empty, "the file is empty")) { try TextDecoding.decode([]) }
        #expect(throws: UnreadableDocument.self) { try TextDecoding.decode(Array(" \n\t\n".utf8)) }
    }

    @Test func binaryDataIsUnreadable() {
        let bytes: [UInt8] =
            [0x25, 0x50, 0x44, 0x46, 0x00, 0x01, 0x02, 0xFF, 0xFE, 0x00, 0x88, 0x99] + Array(repeating: 0, count: 64)
        do {
            _ = try TextDecoding.decode(bytes)
            Issue.record("binary bytes decoded")
        } catch {
            #expect(error.kind == .binary || error.kind == .encoding)
        }
    }

    @Test func latin1MojibakeIsGarbled() {
        let mojibake = String(decoding: Array(title.utf8), as: UTF8.self).utf8.map { Character(Unicode.Scalar($0)) }
        do {
            _ = try TextDecoding.decode(Array(String(mojibake).utf8))
            Issue.record("mojibake accepted")
        } catch {
            #expect(error.kind == .garbled)
        }
    }

    @Test func textWithoutChineseIsGarbled() {
        #expect(throws: UnreadableDocument.self) {
            try TextDecoding.decode(Array("Lorem ipsum dolor sit amet, consectetur adipiscing elit.".utf8))
        }
    }

    @Test func htmlDeclaredCharset() {
        #expect(HTMLReader.declaredCharset(Array("<html><head><meta charset=\"GBK\"></head>".utf8)) == "gbk")
        #expect(
            HTMLReader.declaredCharset(Array("<meta http-equiv=Content-Type content='text/html; charset=gb2312'>".utf8))
                == "gb2312")
        #expect(HTMLReader.declaredCharset(Array("<html><body>无</body>".utf8)) == nil)
    }
}
