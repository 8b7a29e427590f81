/// Characters nobody types on purpose that change what text looks like: bidirectional
/// overrides and isolates (a letter's sentence printed backwards) and zero-width spaces (a
/// name that looks blank). The joiners Arabic, Urdu and Indic scripts need (U+200C, U+200D)
/// are not among them.
public enum VisibleText {
    public static func isHiddenFormatting(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x202A...0x202E, 0x2066...0x2069, 0x200B, 0x2060, 0xFEFF: true
        default: false
        }
    }
}
