import Foundation
import Hummingbird
import LeaveServices
import MultipartKit

/// Reads a `multipart/form-data` body into text fields and files with MultipartKit's parser.
enum MultipartForm {
    static func boundary(of contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            if pair.count == 2, pair[0].lowercased() == "boundary" {
                let value = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                return value.isEmpty || value.count > 200 ? nil : value
            }
        }
        return nil
    }

    static func parse(_ body: ByteBuffer, boundary: String) throws -> FormFields {
        var fields = FormFields()
        var headers: [(String, String)] = []
        var content = ByteBuffer()
        var failure: (any Error)?
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { name, value in headers.append((name.lowercased(), value)) }
        parser.onBody = { buffer in content.writeBuffer(&buffer) }
        parser.onPartComplete = {
            let disposition = headers.first { $0.0 == "content-disposition" }?.1 ?? ""
            guard let name = parameter("name", in: disposition) else {
                failure = HTTPError(.badRequest, message: "A part of the form has no name.")
                return
            }
            if let fileName = parameter("filename", in: disposition) {
                let type = headers.first { $0.0 == "content-type" }?.1 ?? "application/octet-stream"
                if !fileName.isEmpty || content.readableBytes > 0 {
                    fields.files[name] = UploadedFile(fileName: FormFields.normalise(fileName), contentType: type, data: Data(buffer: content))
                }
            } else {
                fields.append(name, String(buffer: content))
            }
            headers = []
            content = ByteBuffer()
        }
        do {
            try parser.execute(body)
        } catch {
            throw HTTPError(.badRequest, message: "The form could not be read. Go back and try sending it again.")
        }
        if let failure { throw failure }
        return fields
    }

    /// A parameter of a Content-Disposition header, e.g. `name="file"`; a path in a
    /// file name is dropped, as some browsers send one.
    static func parameter(_ key: String, in header: String) -> String? {
        for part in header.split(separator: ";").dropFirst() {
            let pair = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].lowercased() == key else { continue }
            var value = String(pair[1])
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return key == "filename" ? String(value.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last ?? "") : value
        }
        return nil
    }
}
