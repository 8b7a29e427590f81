/// A National Curriculum year: 0 is Reception, 1–6 the primary years, up to 13.
public struct YearGroup: Hashable, Comparable, Sendable, Codable {
    public let number: Int

    public init?(_ number: Int) {
        guard (-2...14).contains(number) else { return nil }
        self.number = number
    }

    public static let reception = YearGroup(0)!

    public var name: String {
        switch number {
        case ..<0: "Nursery"
        case 0: "Reception"
        default: "Year \(number)"
        }
    }

    public static func < (lhs: YearGroup, rhs: YearGroup) -> Bool { lhs.number < rhs.number }

    public init(from decoder: any Decoder) throws {
        let n = try decoder.singleValueContainer().decode(Int.self)
        guard let year = YearGroup(n) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "year group \(n) is out of range"))
        }
        self = year
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(number)
    }
}
