import Foundation
import NianbaoCore
import NianbaoPDF

/// The page images of the review site: the pages of a PDF that hold evidence, rendered through
/// poppler/cairo at `dpi` as PNG, kept in the stage cache (keyed by the input's digest, the page and the
/// resolution), so a second site of the same corpus renders nothing.
struct PageImages {
    static let dpi = 100.0
    /// Bump when the same page gives another image.
    static let version = "1"

    struct Image {
        var png: Data
        /// Pixels per point.
        var scale: Double
        var width: Int
        var height: Int
    }

    struct Pages {
        var images: [Int: Image] = [:]
        var rendered = 0
        /// Why pages that hold evidence have no image.
        var note: String?
    }

    let store: StageStore?

    func pages(for report: ReviewSite.Report, input: () -> Result<[UInt8], ReviewSite.Unavailable>) -> Pages {
        let wanted = Set(report.result.evidence.values.compactMap { $0.box == nil ? nil : $0.page }).sorted()
        var pages = Pages()
        guard !wanted.isEmpty, report.result.source.lowercased().hasSuffix(".pdf") else { return pages }
        var missing: [Int] = []
        for page in wanted {
            if let image = cached(report.result.sha256, page) {
                pages.images[page] = image
            } else {
                missing.append(page)
            }
        }
        guard !missing.isEmpty else { return pages }
        let renderer: PageRenderer
        switch input() {
        case .failure(let why):
            pages.note = why.reason + ": its pages are not shown"
            return pages
        case .success(let bytes):
            guard let r = try? PageRenderer(bytes: bytes) else {
                pages.note = "its pages cannot be rendered"
                return pages
            }
            renderer = r
        }
        for page in missing {
            guard let raster = renderer.render(page: page, scale: Self.dpi / 72), let png = PNGCoding.encode(raster)
            else { continue }
            let image = Image(png: png, scale: raster.scale, width: raster.width, height: raster.height)
            pages.images[page] = image
            pages.rendered += 1
            store?.save(
                key(report.result.sha256, page), stage: "review.page",
                result: StoredResult(value: encode(image)))
        }
        return pages
    }

    func key(_ sha256: String, _ page: Int) -> String {
        Pipeline.sha256(Array("review.page/\(Self.version)/\(sha256)/\(page)/\(Int(Self.dpi))".utf8))
    }

    func cached(_ sha256: String, _ page: Int) -> Image? {
        guard let stored = store?.load(key(sha256, page)) else { return nil }
        guard stored.isIntact, let image = decode(stored.value) else {
            store?.damaged(key(sha256, page))
            return nil
        }
        return image
    }

    /// Stored as: scale, width and height (8 bytes each, little-endian), then the PNG.
    func encode(_ image: Image) -> Data {
        var data = Data()
        for word in [image.scale.bitPattern, UInt64(image.width), UInt64(image.height)] {
            withUnsafeBytes(of: word.littleEndian) { data.append(contentsOf: $0) }
        }
        return data + image.png
    }

    func decode(_ data: Data) -> Image? {
        guard data.count > 24 else { return nil }
        let words = (0..<3).map { i in
            data.dropFirst(i * 8).prefix(8).reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        }
        let scale = Double(bitPattern: words[0])
        guard scale > 0, scale.isFinite, words[1] > 0, words[1] < 1 << 16, words[2] > 0, words[2] < 1 << 16 else {
            return nil
        }
        return Image(png: Data(data.dropFirst(24)), scale: scale, width: Int(words[1]), height: Int(words[2]))
    }
}
