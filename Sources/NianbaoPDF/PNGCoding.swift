import CPoppler
import Foundation
import NianbaoCore

/// PNG files of rendered pages, through cairo (the library poppler renders with): the review site's page
/// images, and reading a browser's screenshot back in its test.
public enum PNGCoding {
    /// `image` (pixels 0x00RRGGBB) as a PNG file; nil when cairo cannot make one.
    public static func encode(_ image: RGBImage) -> Data? {
        guard image.width > 0, image.height > 0, image.pixels.count == image.width * image.height,
            let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(image.width), Int32(image.height))
        else { return nil }
        defer { cairo_surface_destroy(surface) }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS, let data = cairo_image_surface_get_data(surface)
        else { return nil }
        let stride = Int(cairo_image_surface_get_stride(surface)) / 4
        let target = UnsafeMutableRawPointer(data).assumingMemoryBound(to: UInt32.self)
        image.pixels.withUnsafeBufferPointer { source in
            for y in 0..<image.height {
                (target + y * stride).update(from: source.baseAddress! + y * image.width, count: image.width)
            }
        }
        cairo_surface_mark_dirty(surface)
        let sink = Sink()
        let status = withExtendedLifetime(sink) {
            cairo_surface_write_to_png_stream(
                surface,
                { closure, bytes, length in
                    guard let closure, let bytes else { return CAIRO_STATUS_WRITE_ERROR }
                    Unmanaged<Sink>.fromOpaque(closure).takeUnretainedValue().data.append(bytes, count: Int(length))
                    return CAIRO_STATUS_SUCCESS
                }, Unmanaged.passUnretained(sink).toOpaque())
        }
        return status == CAIRO_STATUS_SUCCESS ? sink.data : nil
    }

    /// The pixels of a PNG file (0x00RRGGBB, alpha dropped); nil when it is not one cairo reads.
    public static func decode(_ png: Data) -> RGBImage? {
        let source = Source(png)
        let surface = withExtendedLifetime(source) {
            cairo_image_surface_create_from_png_stream(
                { closure, bytes, length in
                    guard let closure, let bytes else { return CAIRO_STATUS_READ_ERROR }
                    let source = Unmanaged<Source>.fromOpaque(closure).takeUnretainedValue()
                    let n = Int(length)
                    guard source.offset + n <= source.data.count else { return CAIRO_STATUS_READ_ERROR }
                    source.data.copyBytes(
                        to: bytes,
                        from: source.data.startIndex + source.offset..<source.data.startIndex + source.offset + n)
                    source.offset += n
                    return CAIRO_STATUS_SUCCESS
                }, Unmanaged.passUnretained(source).toOpaque())
        }
        guard let surface else { return nil }
        defer { cairo_surface_destroy(surface) }
        let w = Int(cairo_image_surface_get_width(surface)), h = Int(cairo_image_surface_get_height(surface))
        // 8 bits a channel only (cairo reads a 16-bit PNG into a float format).
        let format = cairo_image_surface_get_format(surface)
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS, w > 0, h > 0,
            format == CAIRO_FORMAT_RGB24 || format == CAIRO_FORMAT_ARGB32,
            let data = cairo_image_surface_get_data(surface)
        else { return nil }
        let stride = Int(cairo_image_surface_get_stride(surface)) / 4
        let pixels = UnsafeRawPointer(data).assumingMemoryBound(to: UInt32.self)
        var out = [UInt32](repeating: 0, count: w * h)
        for y in 0..<h {
            for x in 0..<w { out[y * w + x] = pixels[y * stride + x] & 0x00FF_FFFF }
        }
        return RGBImage(width: w, height: h, pixels: out, scale: 1)
    }

    private final class Sink {
        var data = Data()
    }

    private final class Source {
        let data: Data
        var offset = 0
        init(_ data: Data) { self.data = data }
    }
}
