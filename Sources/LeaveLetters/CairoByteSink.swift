import CPangoCairo

/// Where Cairo writes a stream (a PDF, a PNG): the bytes in memory, for the one callback both use.
final class CairoByteSink {
    var bytes: [UInt8] = []

    /// Runs `write` with Cairo's callback and its closure pointer, then gives back what was written.
    static func collect(_ write: (cairo_write_func_t, UnsafeMutableRawPointer) -> Void) -> [UInt8] {
        let sink = Unmanaged.passRetained(CairoByteSink())
        defer { sink.release() }
        let callback: cairo_write_func_t = { closure, data, length in
            guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
            Unmanaged<CairoByteSink>.fromOpaque(closure).takeUnretainedValue().bytes
                .append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
            return CAIRO_STATUS_SUCCESS
        }
        write(callback, sink.toOpaque())
        return sink.takeUnretainedValue().bytes
    }
}
