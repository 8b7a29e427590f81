import Foundation

/// A CSV file as rows of fields (RFC 4180: quoted fields may hold commas, quotes and line
/// breaks). UTF-8 with or without a byte-order mark; blank lines are skipped.
public struct CSVTable: Sendable {
    public struct Row: Sendable {
        /// The line the row starts on, counting the header as line 1.
        public let line: Int
        public let fields: [String]
    }

    public let header: [String]
    public let rows: [Row]

    public init(data: Data) throws {
        guard var text = String(data: data, encoding: .utf8) else {
            throw ImportRefusal("the file is not UTF-8 text; save it from the MIS or spreadsheet as CSV UTF-8")
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        var rows: [Row] = []
        var fields: [String] = []
        var field = ""
        var quoted = false
        var line = 1, rowLine = 1
        var afterQuote = false
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func endRow() {
            fields.append(field)
            field = ""
            if !(fields.count == 1 && fields[0].trimmingCharacters(in: .whitespaces).isEmpty) {
                rows.append(Row(line: rowLine, fields: fields))
            }
            fields = []
        }
        while let scalar = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if scalar == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { field.unicodeScalars.append("\"") } else { quoted = false; afterQuote = true; pending = next }
                    } else {
                        quoted = false
                    }
                } else {
                    if scalar == "\n" { line += 1 }
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"":
                guard field.trimmingCharacters(in: .whitespaces).isEmpty, !afterQuote else {
                    throw ImportRefusal("a quote appears in the middle of a field", at: "line \(line)")
                }
                field = ""
                quoted = true
            case ",":
                fields.append(field)
                field = ""
                afterQuote = false
            case "\r":
                continue
            case "\n":
                endRow()
                afterQuote = false
                line += 1
                rowLine = line
            default:
                if afterQuote && scalar != " " {
                    throw ImportRefusal("text follows a closing quote", at: "line \(line)")
                }
                field.unicodeScalars.append(scalar)
            }
        }
        if quoted { throw ImportRefusal("a quoted field is never closed", at: "line \(rowLine)") }
        if !field.isEmpty || !fields.isEmpty { endRow() }
        guard let first = rows.first else { throw ImportRefusal("the file is empty") }
        header = first.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        self.rows = Array(rows.dropFirst())
        for row in self.rows where row.fields.count > header.count {
            throw ImportRefusal("the row has \(row.fields.count) fields but the header has \(header.count)", at: "line \(row.line)")
        }
    }

    /// The index of the first column whose header matches one of `names`, ignoring case,
    /// spaces, dashes and underscores ("Pupil ID", "pupil_id" and "PupilId" are one column).
    public func column(_ names: String...) -> Int? {
        let wanted = Set(names.map(Self.normalise))
        return header.firstIndex { wanted.contains(Self.normalise($0)) }
    }

    static func normalise(_ name: String) -> String {
        name.lowercased().filter { $0.isLetter || $0.isNumber }
    }
}

extension CSVTable.Row {
    public subscript(_ index: Int?) -> String {
        guard let index, index < fields.count else { return "" }
        return fields[index].trimmingCharacters(in: .whitespaces)
    }
}
