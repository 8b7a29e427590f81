/// Writes an evaluation as evaluate.md's result object, fields in the documented order.
public enum EvaluationJSON {
    public static func encode(_ evaluation: Evaluation) -> String {
        var out = "{\n"
        out += "  \"recommendation\": \(quote(evaluation.recommendation.rawValue)),\n"
        out += "  \"sessions\": \(evaluation.sessions),\n"
        out += "  \"schoolDays\": \(evaluation.schoolDays),\n"
        out += "  \"attendanceToDate\": \(fraction(evaluation.attendanceToDate)),\n"
        out += "  \"projectedAttendance\": \(fraction(evaluation.projectedAttendance)),\n"
        out += "  \"registerCode\": \(evaluation.registerCode.map { quote($0.rawValue) } ?? "null"),\n"
        out += "  \"findings\": ["
        out += evaluation.findings.map { f in
            "\n    { \"rule\": \(quote(f.rule.rawValue)), \"severity\": \(quote(f.severity.rawValue)), \"message\": \(quote(f.message)), \"source\": \(quote(f.source)) }"
        }.joined(separator: ",")
        out += evaluation.findings.isEmpty ? "]\n}" : "\n  ]\n}"
        return out
    }

    /// Fractions 0–1 to three places, as in the contract's example (0.962).
    static func fraction(_ value: Double?) -> String {
        guard let value else { return "null" }
        let thousandths = Int((value * 1000).rounded())
        if thousandths == 1000 { return "1" }
        if thousandths == 0 { return "0" }
        var digits = String(thousandths)
        while digits.count < 3 { digits = "0" + digits }
        while digits.hasSuffix("0") { digits.removeLast() }
        return "0.\(digits)"
    }

    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
