/// A postal address as letters print it: the lines a MIS gives, tidied, postcode last.
public enum PostalAddress {
    /// The most lines a DL envelope's window shows under the name.
    public static let maximumLines = 6

    /// The non-empty parts, each trimmed; a part given as "12 Sample Road, Sampleton" or on
    /// several lines is split into its lines. Control characters are dropped, and the same
    /// line twice in a row kept once (MIS exports often repeat the town as post town).
    public static func lines(_ parts: [String]) -> [String] {
        var lines: [String] = []
        for part in parts {
            let clean = String(part.unicodeScalars.filter {
                !VisibleText.isHiddenFormatting($0) && ($0 == "\n" || $0.properties.generalCategory != .control)
            }.map(Character.init))
            for piece in clean.split(whereSeparator: { $0 == "\n" || $0 == "," }) {
                let line = piece.split(whereSeparator: \.isWhitespace).joined(separator: " ")
                if !line.isEmpty && line.count <= 100 && lines.last?.lowercased() != line.lowercased() { lines.append(line) }
            }
        }
        return Array(lines.prefix(maximumLines))
    }
}
