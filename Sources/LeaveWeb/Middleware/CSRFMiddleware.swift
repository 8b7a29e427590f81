import Hummingbird
import NIOCore
import LeaveCore
import LeaveServices

/// Guards every POST with a token that only pages of this site can know: the token sits in
/// an HttpOnly, SameSite cookie and in a hidden field of every form, and a POST whose field
/// does not match its cookie is refused before any handler runs.
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = PortalRequestContext

    static let fieldName = "csrfToken"
    /// Forms here are short; anything larger is not one of ours.
    static let formLimit = 256 * 1024

    /// A page that takes files, for whom: the most its form may be, and what to say when it is more.
    struct UploadPage: Sendable {
        let pathPrefix: String
        let roles: Set<Role>
        let limit: Int
        let tooLarge: String
    }

    let secureCookies: Bool
    var cookieName: String { Self.cookieName(secure: secureCookies) }
    /// The pages that take files; every other page takes only short forms, whatever their encoding.
    let uploadPages: [UploadPage]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var request = request
        var context = context
        let existing = request.cookies[cookieName].map { String($0.value) }.flatMap { Self.isWellFormed($0) ? $0 : nil }
        let token = existing ?? Self.newToken()
        context.csrfToken = token

        if request.method == .post {
            guard let existing else {
                throw HTTPError(.forbidden, message: "The form could not be checked because your browser did not send back our security cookie. Make sure cookies are allowed for this site, go back, reload the page and try again.")
            }
            // Lower case for the media type only: a multipart boundary is case-sensitive.
            let contentTypeHeader = request.headers[.contentType] ?? ""
            let contentType = contentTypeHeader.lowercased()
            // A large body is read only as a file upload, to its own page, from someone signed in
            // who may use that page; anyone else's form is short, whatever it claims to be.
            let isMultipart = contentType.hasPrefix("multipart/form-data")
            let upload = isMultipart ? uploadPages.first { page in
                request.uri.path.hasPrefix(page.pathPrefix) && context.account.map { page.roles.contains($0.role) } == true
            } : nil
            let limit = upload?.limit ?? Self.formLimit
            let tooLarge = upload?.tooLarge ?? "The form is larger than this page accepts. Go back, shorten your answers and try again."
            let body: ByteBuffer
            do {
                body = try await request.collectBody(upTo: limit)
            } catch is NIOTooManyBytesError {
                throw HTTPError(.contentTooLarge, message: tooLarge)
            } catch let error as HTTPError where error.status == .contentTooLarge {
                throw HTTPError(.contentTooLarge, message: tooLarge)
            }
            var fields: FormFields
            if contentType.hasPrefix("application/x-www-form-urlencoded") {
                fields = FormFields(urlEncoded: String(buffer: body))
            } else if isMultipart, let boundary = MultipartForm.boundary(of: contentTypeHeader) {
                fields = try MultipartForm.parse(body, boundary: boundary)
                // Files only reach the pages made for them.
                if upload == nil { fields.files = [:] }
            } else {
                throw HTTPError(.unsupportedMediaType, message: "This page only accepts forms sent from the portal.")
            }
            if let problem = fields.problem {
                throw HTTPError(.contentTooLarge, message: problem)
            }
            guard Self.constantTimeEqual(fields[Self.fieldName], existing) else {
                throw HTTPError(.forbidden, message: "The form could not be checked: it may have come from another site, or the page was open for too long. Go back, reload the page and try again.")
            }
            context.form = fields
        }

        var response = try await next(request, context)
        if existing == nil, !response.headers[values: .setCookie].contains(where: { $0.hasPrefix(cookieName + "=") }) {
            response.setCookie(Self.cookie(token, secure: secureCookies))
        }
        return response
    }

    /// With Secure cookies the names carry the `__Host-` prefix: the browser then accepts them
    /// only from this host, over HTTPS, for the whole site.
    static func cookieName(secure: Bool) -> String { secure ? "__Host-lp_csrf" : "lp_csrf" }

    static func cookie(_ token: String, secure: Bool) -> Cookie {
        Cookie(name: cookieName(secure: secure), value: token, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    /// A new token at sign-in and sign-out, so a token seen before cannot be used after.
    static func rotate(_ response: inout Response, secure: Bool) {
        response.setCookie(cookie(newToken(), secure: secure))
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
