import LeaveCore

/// A CTF address as its elements close: a BS 7666 address (SAON, PAON, street, locality,
/// town…) or plain address lines, and the postcode, made into the lines a letter prints.
struct CTFAddress {
    var parts: [String: String] = [:]
    var addressLines: [String] = []

    /// Keeps one element of the address; false when the element is not part of an address.
    mutating func keep(_ name: String, _ value: String) -> Bool {
        switch name {
        case "SAON", "PAON", "Street", "Locality", "Town", "AdministrativeArea", "County", "PostTown", "Postcode", "Zip":
            parts[name] = value
        case "AddressLine1", "AddressLine2", "AddressLine3", "AddressLine4", "AddressLine5":
            addressLines.append(value)
        default:
            return false
        }
        return true
    }

    var lines: [String] {
        let house = [parts["PAON"], parts["Street"]].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
        let named = [parts["SAON"], house, parts["Locality"], parts["Town"], parts["PostTown"], parts["AdministrativeArea"], parts["County"]]
        return PostalAddress.lines(named.compactMap { $0 } + addressLines + [parts["Postcode"] ?? parts["Zip"] ?? ""])
    }
}
