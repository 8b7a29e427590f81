import Hummingbird
import LeaveCore
import LeaveServices

/// Guards every POST with a token that only pages of this site can know: the token sits in
/// an HttpOnly, SameSite cookie and in a hidden field of every form, and a POST whose field
/// does not match its cookie is refused before any handler runs.
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = PortalRequestContext

    static let cookieName = "lp_csrf"
    static let fieldName = "csrfToken"
    /// Forms here are short; anything larger is not one of ours.
    static let formLimit = 256 * 1024

    let secureCookies: Bool
    /// The largest multipart form (a file upload) accepted.
    let uploadLimit: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var request = request
        var context = context
        let existing = request.cookies[Self.cookieName].map { String($0.value) }.flatMap { Self.isWellFormed($0) ? $0 : nil }
        let token = existing ?? Self.newToken()
        context.csrfToken = token

        if request.method == .post {
            guard let existing else {
                throw HTTPError(.forbidden, message: "The form could not be checked because your browser did not send back our security cookie. Make sure cookies are allowed for this site, go back, reload the page and try again.")
            }
            let contentType = request.headers[.contentType] ?? ""
            let fields: FormFields
            if contentType.lowercased().hasPrefix("application/x-www-form-urlencoded") {
                let body = try await request.collectBody(upTo: Self.formLimit)
                fields = FormFields(urlEncoded: String(buffer: body))
            } else if contentType.lowercased().hasPrefix("multipart/form-data"), let boundary = MultipartForm.boundary(of: contentType) {
                let body: ByteBuffer
                do {
                    body = try await request.collectBody(upTo: uploadLimit)
                } catch let error as HTTPError where error.status == .contentTooLarge {
                    throw HTTPError(.contentTooLarge, message: "The file is larger than \(uploadLimit / 1_048_576) MB, the most this page accepts. Nothing was imported.")
                }
                fields = try MultipartForm.parse(body, boundary: boundary)
            } else {
                throw HTTPError(.unsupportedMediaType, message: "This page only accepts forms sent from the portal.")
            }
            guard Self.constantTimeEqual(fields[Self.fieldName], existing) else {
                throw HTTPError(.forbidden, message: "The form could not be checked: it may have come from another site, or the page was open for too long. Go back, reload the page and try again.")
            }
            context.form = fields
        }

        var response = try await next(request, context)
        if existing == nil {
            response.setCookie(Cookie(name: Self.cookieName, value: token, path: "/", secure: secureCookies,
                                      httpOnly: true, sameSite: .lax))
        }
        return response
    }

    static func newToken() -> String { RandomToken.make() }

    static func isWellFormed(_ token: String) -> Bool { RandomToken.isWellFormed(token) }

    /// Compares without stopping at the first difference, so timing tells nothing about the token.
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for i in x.indices { difference |= x[i] ^ y[i] }
        return difference == 0
    }
}
