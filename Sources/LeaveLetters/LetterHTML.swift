import LeaveCore

/// Writes a decision letter as an HTML fragment for the print page. The fragment is
/// stored with the decision and never regenerated, so it is the record of what was sent.
public enum LetterHTML {
    public static func render(_ letter: DecisionLetter) -> String {
        let a = letter.request.application
        var html = "<article class=\"letter\">\n"
        html += "<header class=\"letter__head\">\n<p class=\"letter__school\">\(letter.school.name.markupEscaped)</p>\n"
        html += "<address>" + letter.school.addressLines.map(\.markupEscaped).joined(separator: "<br>") + "</address>\n"
        html += "<p>Telephone: \(letter.school.telephone.markupEscaped)<br>Email: \(letter.school.email.markupEscaped)</p>\n</header>\n"
        html += "<p class=\"letter__date\">\(letter.letterDate.longForm.markupEscaped)</p>\n"
        html += "<p class=\"letter__ref\">Our reference: \(letter.request.reference.text.markupEscaped)</p>\n"
        html += "<p>Dear \(letter.parentName.markupEscaped),</p>\n"
        html += "<h1 class=\"letter__subject\">\(letter.subject.markupEscaped)</h1>\n"
        html += letter.openingSentences.map { "<p>\($0.markupEscaped)</p>\n" }.joined()
        html += "<table class=\"letter__facts\">\n"
        let rows: [(String, String)] = a.type == .lunchtime
            ? [
                ("Pupil", "\(letter.pupil.fullName), \(letter.pupil.yearGroup.name)"),
                ("Kind of request", a.title),
                ("Days", a.details.days.map(\.name).joined(separator: ", ")),
                ("From", a.start.date.longForm),
                ("Until", a.end.date.longForm),
                ("Collected by", a.details.collector ?? ""),
                ("Decision", letter.outcome.title),
            ]
            : [
                ("Pupil", "\(letter.pupil.fullName), \(letter.pupil.yearGroup.name)"),
                ("Kind of request", a.title),
                ("First session", a.start.longForm),
                ("Last session", a.end.longForm),
                ("School time", TimeMissed.describe(sessions: letter.request.sessions)),
                ("Back at school", TimeMissed.describeReturn(a.returnDate, end: a.end)),
                ("Decision", letter.outcome.title),
            ]
        for (label, value) in rows {
            html += "<tr><th scope=\"row\">\(label.markupEscaped)</th><td>\(value.markupEscaped)</td></tr>\n"
        }
        html += "</table>\n"
        html += letter.amendment == nil ? "<h2>Reason for the decision</h2>\n"
            : "<h2>Why the decision was \(letter.amendment?.kind == .rescinded ? "rescinded" : "changed")</h2>\n"
        html += letter.reason.split(separator: "\n", omittingEmptySubsequences: true)
            .map { "<p class=\"letter__reason\">\(String($0).markupEscaped)</p>\n" }.joined()
        for sentence in letter.consequences {
            html += "<p>\(sentence.markupEscaped)</p>\n"
        }
        html += "<p>If you would like to discuss this decision, please contact the school office.</p>\n"
        html += "<p>Yours sincerely,</p>\n"
        let signatory = letter.signatory
        html += "<p class=\"letter__signature\">\(signatory.name.markupEscaped)<br>\(signatory.title.markupEscaped)</p>\n"
        html += "</article>\n"
        return html
    }

}
