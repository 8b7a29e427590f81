import Hummingbird
import LeaveServices
import LeaveStore

/// Turns every error into a page a person can act on. Unexpected errors are logged by
/// type only (their text could hold personal data) and shown as a plain apology.
struct ErrorPageMiddleware: RouterMiddleware {
    typealias Context = PortalRequestContext
    let views: Views

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError {
            return views.errorPage(status: error.status, message: error.body, context: context)
        } catch let error as any HTTPResponseError {
            // Errors of the framework itself, such as a body over a limit (413).
            return views.errorPage(status: error.status, message: nil, context: context)
        } catch ServiceError.notFound {
            return views.errorPage(status: .notFound, message: nil, context: context)
        } catch ServiceError.conflict(let message) {
            return views.errorPage(status: .conflict, message: message, context: context)
        } catch {
            let detail = StoreDiagnostics.describe(error).map { " (\($0))" } ?? ""
            context.logger.error("unexpected error \(String(reflecting: type(of: error)))\(detail)")
            return views.errorPage(status: .internalServerError, message: nil, context: context)
        }
    }
}
