import HTTPTypes
import Hummingbird

/// Checks every request before a route sees it, and marks every answer:
///
/// - the Host (the request's authority and any `Host` field) must be this server's own, so a
///   page of another site whose name resolves to 127.0.0.1 (DNS rebinding) is refused;
/// - anything but GET and HEAD must come from this origin (`Origin`, else `Sec-Fetch-Site`), so
///   a cross-site form post is refused even before the SameSite cookie would be left out;
/// - `?token=` with the one-time token is exchanged for a session cookie (HttpOnly,
///   SameSite=Strict, Path=/) and a redirect to the same path without the token;
/// - every other request needs that session, except the style sheet and script;
/// - every answer carries a strict Content-Security-Policy and is never cached or framed.
struct WorkspaceGuard<Context: RequestContext>: RouterMiddleware {
    let access: WorkspaceAccess

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await checked(request, context: context, next: next)
        if response.headers[.contentSecurityPolicy] == nil {
            response.headers[.contentSecurityPolicy] = ContentPolicy.header()
        }
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"  // "no-referrer" would make a form post say `Origin: null`
        response.headers[.cacheControl] = "no-store"
        response.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        return response
    }

    private func checked(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let hosts = [request.head.authority].compactMap { $0 } + request.headers[values: HTTPField.Name("Host")!]
        guard !hosts.isEmpty, hosts.allSatisfy(access.isOwnHost) else {
            return Self.refusal(.misdirectedRequest, "This workspace answers only to the address parley ui printed.")
        }
        if request.method != .get, request.method != .head {
            if let origin = request.headers[.origin] {
                guard access.isOwnOrigin(origin) else { return Self.refusal(.forbidden, "Cross-site request refused.") }
            } else if let site = request.headers[HTTPField.Name("Sec-Fetch-Site")!], site != "same-origin" {
                return Self.refusal(.forbidden, "Cross-site request refused.")
            } else if request.headers[HTTPField.Name("Sec-Fetch-Site")!] == nil {
                return Self.refusal(.forbidden, "A request that changes something must come from the workspace's own pages.")
            }
        }
        let query = Form(Substring(request.uri.query ?? ""))
        if let token = query["token"] {
            guard request.method == .get, let session = access.exchange(token) else {
                return Self.refusal(.forbidden, "This link was used already or is not the one parley ui printed: start parley ui again for a new one.")
            }
            var response = Response(status: .seeOther, headers: [.location: request.uri.path.isEmpty ? "/" : request.uri.path])
            response.setCookie(Cookie(name: WorkspaceAccess.cookieName, value: session, path: "/", httpOnly: true, sameSite: .strict))
            return response
        }
        if request.uri.path.hasPrefix("/static/") || request.uri.path == "/favicon.ico" {
            return try await next(request, context)
        }
        guard let session = request.cookies[WorkspaceAccess.cookieName]?.value, access.isSession(session) else {
            return Self.refusal(.forbidden, "Open the address parley ui printed (with its token) to use this workspace.")
        }
        return try await next(request, context)
    }

    /// A short plain page that refuses.
    static func refusal(_ status: HTTPResponse.Status, _ text: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text + "\n")))
    }
}

/// The Content-Security-Policy of every answer.
enum ContentPolicy {
    /// Nothing but this server's own style sheet, script, forms, images and the script's one
    /// request (`/live`, whether the page is out of date); `styleHashes` admits
    /// the inline `<style>` blocks of a self-contained document by their hashes.
    static func header(styleHashes: [String] = []) -> String {
        "default-src 'none'; style-src 'self'\(styleHashes.map { " " + $0 }.joined()); script-src 'self'; img-src 'self'; connect-src 'self'; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    }
}
