import Foundation

/// A file sent with a form: its name as the browser gave it, and its bytes.
public struct UploadedFile: Sendable {
    public let fileName: String
    public let contentType: String
    public let data: Data

    public init(fileName: String, contentType: String, data: Data) {
        self.fileName = fileName
        self.contentType = contentType
        self.data = data
    }
}
