import Crypto
import Foundation

enum StageCodec {
    static func encode<T: Encodable>(_ value: T) -> StoredResult {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]  // equal values give equal bytes, hence equal digests
        let data = (try? encoder.encode(value)) ?? Data()
        return StoredResult(digest: digest(data), value: data)
    }

    static func digest(_ data: Data) -> String { hex(SHA256.hash(data: data)) }

    static func decode<T: Decodable>(_ type: T.Type, _ stored: StoredResult) -> T? {
        try? JSONDecoder().decode(type, from: stored.value)
    }

    static func key(_ parts: String...) -> String {
        hex(SHA256.hash(data: Data(parts.joined(separator: "\u{1F}").utf8)))
    }

    /// Lower-case hex digits of `bytes` (a digest).
    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
