import Hummingbird

/// `GET /health`: 200 while the database answers, 503 when it does not.
struct HealthController {
    let isHealthy: @Sendable () async -> Bool

    func addRoutes(to router: Router<PortalRequestContext>) {
        router.get(Paths.health.routerPath) { _, _ in
            let healthy = await isHealthy()
            return Response(status: healthy ? .ok : .serviceUnavailable,
                            headers: [.contentType: "text/plain; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(string: healthy ? "ok\n" : "database unavailable\n")))
        }
    }
}
