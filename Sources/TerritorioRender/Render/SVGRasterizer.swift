import CRsvg
import Foundation

/// Renders an SVG document to PNG in-process: librsvg draws it onto a white cairo image surface,
/// and libpng's simplified API writes it with `PNG_IMAGE_FLAG_FAST` (no filter search, a fast
/// zlib level).
///
/// Written here rather than running `rsvg-convert` because of measured speed: on the demo's 17
/// maps `rsvg-convert` took 1.6 s of CPU, two thirds of it cairo's PNG writer (libpng's adaptive
/// filter search and zlib at its default level); rendering in-process with the fast writer takes
/// 0.48 s for the drawing and 0.19 s for the PNGs, the pixels are the same (compared pixel for
/// pixel with `rsvg-convert`'s output) and the files are about a fifth smaller. librsvg renders
/// separate handles on separate threads, so maps are rendered side by side.
public enum SVGRasterizer {
    /// An SVG that librsvg could not read or draw, or a PNG that libpng could not write.
    public struct Failure: Error, CustomStringConvertible {
        public var source: String
        public var message: String
        public var description: String { "\(source): \(message)" }
    }

    /// The PNG bytes of `svg` (the bytes of an SVG document), drawn over white at 96 dpi, the
    /// size the document gives in pixels (rounded up), as `rsvg-convert` does.
    public static func png(svg: Data, source: String = "SVG") throws -> Data {
        let handle = try svg.withUnsafeBytes { bytes in
            var error: UnsafeMutablePointer<GError>?
            let base = bytes.bindMemory(to: UInt8.self).baseAddress
            guard let h = rsvg_handle_new_from_data(base, gsize(bytes.count), &error) else {
                throw Failure(source: source, message: takeMessage(error) ?? "not an SVG document")
            }
            return h
        }
        defer { g_object_unref(handle) }
        rsvg_handle_set_dpi(handle, 96)  // the C API's default is 90; rsvg-convert and CSS use 96
        return try draw(handle, source: source)
    }

    /// Renders the SVG file at `svgPath` to `pngPath`, written atomically.
    public static func png(svgPath: String, pngPath: String) throws {
        let svg = try Data(contentsOf: URL(fileURLWithPath: svgPath))
        try png(svg: svg, source: svgPath).write(to: URL(fileURLWithPath: pngPath), options: .atomic)
    }

    private static func draw(_ handle: UnsafeMutablePointer<RsvgHandle>, source: String) throws -> Data {
        var width = 0.0
        var height = 0.0
        guard rsvg_handle_get_intrinsic_size_in_pixels(handle, &width, &height) != 0,
            width >= 1, height >= 1, width <= 20_000, height <= 20_000, width * height <= 64_000_000
        else {
            throw Failure(source: source, message: "the SVG has no usable width and height in pixels (at most 64 Mpx)")
        }
        let w = Int32(width.rounded(.up))
        let h = Int32(height.rounded(.up))
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h) else {
            throw Failure(source: source, message: "no memory for a \(w)×\(h) image")
        }
        defer { cairo_surface_destroy(surface) }
        let cr = cairo_create(surface)
        defer { cairo_destroy(cr) }
        cairo_set_source_rgb(cr, 1, 1, 1)
        cairo_paint(cr)
        var viewport = RsvgRectangle(x: 0, y: 0, width: width, height: height)
        var error: UnsafeMutablePointer<GError>?
        guard rsvg_handle_render_document(handle, cr, &viewport, &error) != 0 else {
            throw Failure(source: source, message: takeMessage(error) ?? "librsvg could not draw it")
        }
        cairo_surface_flush(surface)
        return try encode(surface, width: Int(w), height: Int(h), source: source)
    }

    /// Packs cairo's 32-bit `xRGB` pixels (native-endian words) into RGB bytes and writes them
    /// as an 8-bit RGB PNG.
    private static func encode(
        _ surface: OpaquePointer, width: Int, height: Int, source: String
    ) throws -> Data {
        let stride = Int(cairo_image_surface_get_stride(surface))
        guard let pixels = cairo_image_surface_get_data(surface) else {
            throw Failure(source: source, message: "the image surface has no pixels")
        }
        var rgb = [UInt8](repeating: 0, count: width * height * 3)
        rgb.withUnsafeMutableBufferPointer { out in
            for y in 0..<height {
                let row = UnsafeRawPointer(pixels + y * stride).assumingMemoryBound(to: UInt32.self)
                var o = y * width * 3
                for x in 0..<width {
                    let v = row[x]
                    out[o] = UInt8(truncatingIfNeeded: v >> 16)
                    out[o + 1] = UInt8(truncatingIfNeeded: v >> 8)
                    out[o + 2] = UInt8(truncatingIfNeeded: v)
                    o += 3
                }
            }
        }
        return try writePNG(rgb, width: width, height: height, source: source)
    }

    private static func writePNG(_ rgb: [UInt8], width: Int, height: Int, source: String) throws -> Data {
        var image = png_image()
        image.version = png_uint_32(PNG_IMAGE_VERSION)
        image.width = png_uint_32(width)
        image.height = png_uint_32(height)
        image.format = png_uint_32(PNG_FORMAT_RGB)
        image.flags = png_uint_32(PNG_IMAGE_FLAG_FAST)
        // Room for the pixels stored uncompressed (one filter byte a row) plus zlib's and the
        // chunks' overhead: libpng says how much it needs when that is not enough.
        var capacity = (width * 3 + 1) * height + (width * 3 + 1) * height / 64 + 4096
        for _ in 0..<2 {
            var out = Data(count: capacity)
            var size = capacity
            let ok = out.withUnsafeMutableBytes { memory in
                rgb.withUnsafeBytes { pixels in
                    png_image_write_to_memory(
                        &image, memory.baseAddress, &size, 0, pixels.baseAddress, png_int_32(width * 3), nil)
                }
            }
            if ok != 0 {
                out.count = size
                return out
            }
            guard size > capacity else { break }
            capacity = size
            image.opaque = nil
            image.warning_or_error = 0
        }
        let message = withUnsafeBytes(of: image.message) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        png_image_free(&image)
        throw Failure(source: source, message: "libpng could not write the PNG: \(message)")
    }

    /// The message of a GLib error, which is freed.
    private static func takeMessage(_ error: UnsafeMutablePointer<GError>?) -> String? {
        guard let error else { return nil }
        defer { g_error_free(error) }
        return error.pointee.message.map { String(cString: $0) }
    }
}
