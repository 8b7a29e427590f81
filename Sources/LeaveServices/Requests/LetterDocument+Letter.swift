import Crypto
import LeaveLetters
import LeaveStore

extension LetterDocument {
    /// The letter written both ways, once, when its decision is recorded: HTML for the print
    /// page, PDF (with its SHA-256) for printing, reprints and the parent's copy.
    init(_ letter: LetterContent) {
        let pdf = LetterPDF.render(letter)
        let hash = SHA256.hash(data: pdf).map { byte in
            let digits = String(byte, radix: 16)
            return byte < 16 ? "0" + digits : digits
        }.joined()
        self.init(html: LetterHTML.render(letter), pdf: pdf, pdfSHA256: hash)
    }
}
