/// A decision's letter as it is kept: the HTML the print page shows, and the PDF made once with
/// the decision (served unchanged for every reprint), with the PDF's SHA-256 in hex.
public struct LetterDocument: Sendable {
    public let html: String
    public let pdf: [UInt8]
    public let pdfSHA256: String

    public init(html: String, pdf: [UInt8] = [], pdfSHA256: String = "") {
        self.html = html
        self.pdf = pdf
        self.pdfSHA256 = pdfSHA256
    }
}

/// A letter's stored PDF, as the office reprints it and the parent downloads it.
public struct StoredLetterPDF: Sendable {
    public let letterID: Int64
    public let requestID: Int64
    public let reference: String
    public let bytes: [UInt8]
    public let sha256: String
    /// Its decision was amended or rescinded: another letter replaced it.
    public var replaced = false

    public init(letterID: Int64, requestID: Int64, reference: String, bytes: [UInt8], sha256: String) {
        self.letterID = letterID
        self.requestID = requestID
        self.reference = reference
        self.bytes = bytes
        self.sha256 = sha256
    }
}
