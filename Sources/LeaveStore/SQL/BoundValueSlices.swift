/// Lists of ids read in slices of this many, to stay far below either database's limit on the
/// values one statement may bind.
let boundValueSlice = 500

extension Array {
    /// The array in consecutive slices of at most `size` elements.
    func slices(of size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}

/// `?, ?, ?` for an `IN (…)` of `count` values.
func placeholders(_ count: Int) -> String {
    Array(repeating: "?", count: count).joined(separator: ", ")
}
