/// Pages as pixels, for OCR: what the PDF binding renders (`RGBImage`) and what the OCR reader works on
/// (`GrayImage`). Row-major, origin at the top left; `scale` is pixels per point of the page.

/// A colour rendering: `0x00RRGGBB` per pixel.
public struct RGBImage: Sendable {
    public var width: Int
    public var height: Int
    public var pixels: [UInt32]
    public var scale: Double

    public init(width: Int, height: Int, pixels: [UInt32], scale: Double) {
        precondition(pixels.count == width * height)
        self.width = width
        self.height = height
        self.pixels = pixels
        self.scale = scale
    }
}

/// An 8-bit grey image (0 black, 255 white).
public struct GrayImage: Sendable {
    public var width: Int
    public var height: Int
    public var pixels: [UInt8]
    public var scale: Double

    public init(width: Int, height: Int, pixels: [UInt8], scale: Double) {
        precondition(pixels.count == width * height)
        self.width = width
        self.height = height
        self.pixels = pixels
        self.scale = scale
    }

    public init(width: Int, height: Int, value: UInt8 = 255, scale: Double) {
        self.init(width: width, height: height, pixels: [UInt8](repeating: value, count: width * height), scale: scale)
    }

    @inlinable public subscript(x: Int, y: Int) -> UInt8 {
        get { pixels[y * width + x] }
        set { pixels[y * width + x] = newValue }
    }
}
