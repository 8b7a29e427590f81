import LeaveLetters
import LeaveStore

extension LetterDocument {
    /// The letter written both ways, once, when its decision is recorded: HTML for the print
    /// page, PDF (with its SHA-256) for printing, reprints and the parent's copy.
    init(_ letter: LetterContent) {
        let pdf = LetterPDF.render(letter)
        let hash = TokenDigest.sha256(bytes: pdf)
        self.init(html: LetterHTML.render(letter), pdf: pdf, pdfSHA256: hash)
    }
}
