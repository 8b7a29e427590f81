import LeaveCore

/// Writes a letter as an HTML fragment for the print page. The fragment is stored with the
/// decision and never regenerated, so it is the record of what was sent.
public enum LetterHTML {
    public static func render(_ letter: LetterContent) -> String {
        func paragraph(_ text: String, _ className: String? = nil) -> String {
            "<p\(className.map { " class=\"\($0)\"" } ?? "")>\(text.markupEscaped)</p>\n"
        }
        var html = "<article class=\"letter\">\n"
        html += "<header class=\"letter__head\">\n<p class=\"letter__school\">\(letter.school.name.markupEscaped)</p>\n"
        html += "<address>" + letter.school.addressLines.map(\.markupEscaped).joined(separator: "<br>") + "</address>\n"
        html += "<p>Telephone: \(letter.school.telephone.markupEscaped)<br>Email: \(letter.school.email.markupEscaped)</p>\n</header>\n"
        if !letter.parentAddress.isEmpty {
            html += "<address class=\"letter__to\">" + ([letter.parentName] + letter.parentAddress).map(\.markupEscaped).joined(separator: "<br>") + "</address>\n"
        }
        html += paragraph(letter.letterDate.longForm, "letter__date")
        html += paragraph("Our reference: \(letter.reference)", "letter__ref")
        html += paragraph(letter.greeting)
        html += "<h1 class=\"letter__subject\">\(letter.subject.markupEscaped)</h1>\n"
        html += letter.opening.map { paragraph($0) }.joined()
        html += "<table class=\"letter__facts\">\n"
        for fact in letter.facts {
            html += "<tr><th scope=\"row\">\(fact.label.markupEscaped)</th><td>\(fact.value.markupEscaped)</td></tr>\n"
        }
        html += "</table>\n"
        html += "<h2>\(letter.reasonHeading.markupEscaped)</h2>\n"
        html += letter.reason.map { paragraph($0, "letter__reason") }.joined()
        html += (letter.after + letter.closing).map { paragraph($0) }.joined()
        html += paragraph(letter.signOff)
        html += "<p class=\"letter__signature\">\(letter.signatory.name.markupEscaped)<br>\(letter.signatory.title.markupEscaped)</p>\n"
        html += "</article>\n"
        return html
    }
}
