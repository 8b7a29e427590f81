import Hummingbird
import Logging

/// One line per request: method, path, status and time taken. The query string and the
/// body are never logged, since they can carry a family's details.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        var status = "error"
        defer {
            let elapsed = ContinuousClock.now - start
            // Tenths of a millisecond, written out by hand: Foundation's `String(format:)` took longer than the rest of the line.
            let tenths = elapsed.components.seconds * 10_000 + elapsed.components.attoseconds / 100_000_000_000_000
            context.logger.info("\(request.method) \(request.uri.path) \(status) \(tenths / 10).\(tenths % 10)ms")
        }
        let response = try await next(request, context)
        status = String(response.status.code)
        return response
    }
}
