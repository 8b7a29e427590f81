import CLibXML2
import Foundation
import LeaveCore

/// Reads a Common Transfer File as a stream with libxml2's xmlTextReader: one pupil at a time
/// is handed over and forgotten, so memory stays flat however large the school.
///
/// Hardened against hostile files: no network, no DTD loading, no entity substitution, no
/// "huge" mode, any DOCTYPE refused before parsing, and a cap on the file's size.
public struct CTFReader: Sendable {
    public static let defaultMaxBytes = 200 * 1024 * 1024

    public let maxBytes: Int

    public init(maxBytes: Int = CTFReader.defaultMaxBytes) {
        self.maxBytes = maxBytes
    }

    /// Reads just the header, for choosing the school before an import starts.
    public func header(path: String) throws -> CTFHeader {
        var found: CTFHeader?
        do {
            try read(path: path, header: { found = $0; throw StopReading() }, pupil: { _ in })
        } catch is StopReading {}
        guard let found else { throw ImportRefusal("the file has no CTF Header element", at: "Header") }
        return found
    }

    struct StopReading: Error {}

    public func read(path: String, header: (CTFHeader) throws -> Void, pupil: (CTFPupil) throws -> Void) throws {
        try checkBeforeParsing(path: path)
        xmlInitParser()
        let options = Int32(bitPattern: XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        guard let reader = xmlReaderForFile(path, nil, options) else {
            throw ImportRefusal("the file could not be opened")
        }
        defer { xmlFreeTextReader(reader) }
        var walker = CTFWalker()
        while true {
            let step = xmlTextReaderRead(reader)
            if step == 0 { break }
            if step < 0 { throw Self.parseError(reader) }
            let type = xmlTextReaderNodeType(reader)
            let line = Int(xmlTextReaderGetParserLineNumber(reader))
            switch type {
            case 1:  // element
                let name = String(cString: xmlTextReaderConstLocalName(reader))
                try walker.open(name, line: line)
                if xmlTextReaderIsEmptyElement(reader) == 1 {
                    try walker.close(line: line, header: header, pupil: pupil)
                }
            case 3, 4:  // text, CDATA
                if let value = xmlTextReaderConstValue(reader) { walker.text += String(cString: value) }
            case 15:  // end of element
                try walker.close(line: line, header: header, pupil: pupil)
            case 5, 6, 10, 12:  // entity reference, entity, DOCTYPE, notation
                throw ImportRefusal("the file declares a DOCTYPE or entities, which a CTF never has", at: "line \(line)")
            default:
                continue
            }
        }
        guard walker.sawRoot else { throw ImportRefusal("the file is empty") }
    }

    /// Refuses, without parsing, a file that is too large or whose prolog has a DOCTYPE:
    /// entity attacks (external files, billion laughs) all need one.
    func checkBeforeParsing(path: String) throws {
        let attributes: [FileAttributeKey: Any]
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: path)
        } catch {
            throw ImportRefusal("the file could not be read")
        }
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        if size > maxBytes {
            throw ImportRefusal("the file is \(size / 1_048_576) MB; the limit is \(maxBytes / 1_048_576) MB")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else { throw ImportRefusal("the file could not be read") }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 64 * 1024)) ?? Data()
        // Anything before the root element: the XML declaration, comments, a DOCTYPE.
        let text = String(decoding: head, as: UTF8.self).uppercased()
        if text.contains("<!DOCTYPE") || text.contains("<!ENTITY") {
            throw ImportRefusal("the file declares a DOCTYPE or entities, which a CTF never has", at: "line 1")
        }
    }

    static func parseError(_ reader: xmlTextReaderPtr) -> ImportRefusal {
        if let error = xmlGetLastError() {
            let message = error.pointee.message.map { String(cString: $0) }?
                .trimmingCharacters(in: .whitespacesAndNewlines) ?? "not well-formed XML"
            let line = Int(error.pointee.line)
            xmlResetLastError()
            return ImportRefusal("the XML is broken: \(message)", at: "line \(line)")
        }
        return ImportRefusal("the XML is broken", at: "line \(xmlTextReaderGetParserLineNumber(reader))")
    }
}
