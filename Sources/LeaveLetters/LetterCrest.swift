import CPangoCairo

/// The school's crest, a PNG the administrator uploads, drawn at the head of every letter.
/// Checked by its content, not its name: the PNG signature, a sensible size, and decoded in
/// full by the same library that will draw it.
public enum LetterCrest {
    public static let maximumBytes = 512 * 1024
    public static let maximumSide = 3_000

    public enum Problem: Error, Equatable, CustomStringConvertible {
        case empty, tooLarge, notPNG, tooManyPixels, unreadable

        public var description: String {
            switch self {
            case .empty: "Select the crest, a PNG image"
            case .tooLarge: "The crest must be smaller than 512 KB"
            case .notPNG: "The crest must be a PNG image"
            case .tooManyPixels: "The crest must be between 1 and \(LetterCrest.maximumSide) pixels wide and high"
            case .unreadable: "The crest could not be read as a PNG image; save it again as PNG and try again"
            }
        }
    }

    /// The crest decoded and written again as a plain PNG of its pixels: nothing the upload carried
    /// besides the image (text chunks, bytes after its end) is kept or served back.
    public static func cleaned(_ png: [UInt8]) -> Result<[UInt8], Problem> {
        if case .failure(let problem) = check(png) { return .failure(problem) }
        guard let image = surface(png) else { return .failure(.unreadable) }
        defer { cairo_surface_destroy(image) }
        var status = CAIRO_STATUS_SUCCESS
        let bytes = CairoByteSink.collect { callback, closure in status = cairo_surface_write_to_png_stream(image, callback, closure) }
        guard status == CAIRO_STATUS_SUCCESS else { return .failure(.unreadable) }
        return bytes.count <= maximumBytes ? .success(bytes) : .failure(.tooLarge)
    }

    /// The crest's width and height in pixels, or why it cannot be used.
    public static func check(_ png: [UInt8]) -> Result<(width: Int, height: Int), Problem> {
        if png.isEmpty { return .failure(.empty) }
        if png.count > maximumBytes { return .failure(.tooLarge) }
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        guard png.count > 24, Array(png.prefix(8)) == signature, Array(png[12..<16]) == Array("IHDR".utf8) else { return .failure(.notPNG) }
        func bigEndian(_ at: Int) -> Int { png[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        let width = bigEndian(16), height = bigEndian(20)
        guard (1...maximumSide).contains(width), (1...maximumSide).contains(height) else { return .failure(.tooManyPixels) }
        guard let surface = surface(png) else { return .failure(.unreadable) }
        cairo_surface_destroy(surface)
        return .success((width, height))
    }

    /// The PNG decoded for drawing; nil when it cannot be.
    static func surface(_ png: [UInt8]) -> OpaquePointer? {
        final class Reader {
            let bytes: [UInt8]
            var offset = 0
            init(_ bytes: [UInt8]) { self.bytes = bytes }
        }
        let reader = Unmanaged.passRetained(Reader(png))
        defer { reader.release() }
        let read: cairo_read_func_t = { closure, data, length in
            guard let closure, let data else { return CAIRO_STATUS_READ_ERROR }
            let reader = Unmanaged<Reader>.fromOpaque(closure).takeUnretainedValue()
            let count = Int(length)
            guard reader.offset + count <= reader.bytes.count else { return CAIRO_STATUS_READ_ERROR }
            reader.bytes.withUnsafeBufferPointer { buffer in
                if let base = buffer.baseAddress { data.update(from: base + reader.offset, count: count) }
            }
            reader.offset += count
            return CAIRO_STATUS_SUCCESS
        }
        guard let surface = cairo_image_surface_create_from_png_stream(read, reader.toOpaque()) else { return nil }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(surface)
            return nil
        }
        return surface
    }
}
