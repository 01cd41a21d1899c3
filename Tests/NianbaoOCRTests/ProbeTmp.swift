import Foundation
import NianbaoCore
import Testing

@testable import NianbaoOCR

@Test func probeDigits() throws {
    let e = try #require(TesseractEngine(language: "chi_sim"))
    for name in ["470_372", "272_695", "146_140", "201_140"] {
        let data = [UInt8](try Data(contentsOf: URL(fileURLWithPath: "/tmp/ocrc/cells/\(name).pgm")))
        var fields = 0, i = 0
        while fields < 4 { if data[i] == 0x20 || data[i] == 0x0A { fields += 1 }; i += 1 }
        let header = String(decoding: data[..<i], as: UTF8.self).split(whereSeparator: { $0 == " " || $0 == "\n" })
        let w = Int(header[1])!, h = Int(header[2])!
        let img = GrayImage(width: w, height: h, pixels: Array(data[i...]), scale: 300.0 / 72)
        for f in [1, 2, 3] {
            let up = img.enlarged(by: f)
            var line = "\(name) x\(f):"
            for (mx, my) in [(8, 8), (40, 8), (80, 8), (40, 30), (120, 20)] {
                var wide = GrayImage(width: up.width + 2 * mx * f, height: up.height + 2 * my * f, value: 255, scale: up.scale)
                for y in 0..<up.height { for x in 0..<up.width { wide[x + mx * f, y + my * f] = up[x, y] } }
                line += " [\(mx),\(my)] " + e.read(wide, dpi: 300 * f, mode: .digits).map { "\($0.text)(\(Int($0.confidence)))" }.joined()
            }
            print(line)
        }
    }
}
