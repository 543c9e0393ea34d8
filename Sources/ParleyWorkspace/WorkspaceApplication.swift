import Foundation
package import Hummingbird
package import Logging
import Mustache
import ParleyCrypto
import ParleyLog
import ParleyMatch
import ParleySync

/// Builds the workspace's web application over `workspace`: server-rendered pages, forms that
/// post and redirect, the access rules of ``WorkspaceAccess`` and a strict
/// Content-Security-Policy on every answer. The caller runs it (`try await app.runService()`).
///
/// - Parameters:
///   - workspace: The party's workspace.
///   - access: Who may use it.
///   - port: Where to listen on 127.0.0.1 (0: a port the system chooses).
///   - logger: Where it logs (never record contents).
///   - onListening: Called once it listens, with its port.
/// - Returns: The application.
/// - Throws: ``WorkspaceError`` when a template does not compile (a defect).
package func buildWorkspaceApplication(
    workspace: Workspace, access: WorkspaceAccess, port: Int = 0, logger: Logger,
    onListening: @escaping @Sendable (_ port: Int) async -> Void = { _ in }
) throws -> some ApplicationProtocol {
    let router = try buildWorkspaceRouter(workspace: workspace, access: access)
    return Application(
        router: router,
        configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: "parley-ui"),
        onServerRunning: { channel in
            let bound = channel.localAddress?.port ?? port
            access.listen(port: bound)
            await onListening(bound)
        },
        logger: logger
    )
}

/// The workspace's router (what ``buildWorkspaceApplication(workspace:access:port:logger:onListening:)``
/// serves; tests drive it in process).
package func buildWorkspaceRouter(workspace: Workspace, access: WorkspaceAccess) throws -> Router<BasicRequestContext> {
    let library: MustacheLibrary
    do {
        library = try Templates.library()
    } catch {
        throw WorkspaceError(code: .badRequest, message: "a workspace template does not compile: \(error)")
    }
    let router = Router(context: BasicRequestContext.self)
    router.add(middleware: WorkspaceGuard(access: access))
    WorkspaceRoutes(workspace: workspace, access: access, library: library).register(on: router)
    return router
}

/// The routes: pages (GET) and actions (POST, then a redirect to the page they came from).
struct WorkspaceRoutes: Sendable {
    let workspace: Workspace
    let access: WorkspaceAccess
    let library: MustacheLibrary

    /// The most a form may hold.
    static let formLimit = 64 * 1024

    func register(on router: Router<BasicRequestContext>) {
        router.get("/static/workspace.css") { _, _ in Self.asset(Assets.css, type: "text/css; charset=utf-8") }
        router.get("/static/workspace.js") { _, _ in Self.asset(Assets.js, type: "text/javascript; charset=utf-8") }
        router.get("/favicon.ico") { _, _ in Response(status: .noContent) }
        router.get("/") { request, _ in page("overview", workspace.overview(flash: flash(request))) }
        router.get("/queue") { request, _ in
            let query = Form(Substring(request.uri.query ?? ""))
            var filter = Workspace.QueueFilter()
            filter.kind = query["kind"].flatMap(QueueItem.Kind.init(rawValue:))
            filter.direction = query["direction"].flatMap(Direction.init(rawValue:))
            if let show = query["show"], ["all", "open", "reviewed"].contains(show) { filter.show = show }
            filter.page = query["page"].flatMap(Int.init) ?? 1
            return page("queue", workspace.queuePage(filter, flash: flash(request)))
        }
        router.get("/pair") { request, _ in
            let query = Form(Substring(request.uri.query ?? ""))
            guard let direction = query["direction"].flatMap(Direction.init(rawValue:)), let entry = query["entry"] else {
                return page("message", message(title: "Not found", text: "a pair is named by direction and entry"), status: .notFound)
            }
            do {
                return page("pair", try workspace.pairPage(direction: direction, entry: entry, flash: flash(request)))
            } catch {
                return page("message", message(title: "Not found", text: Self.describe(error)), status: .notFound)
            }
        }
        router.get("/live") { _, _ in Self.asset(workspace.liveState + "\n", type: "text/plain; charset=utf-8") }
        router.get("/confirm") { request, _ in page("confirm", workspace.confirmPage(flash: flash(request))) }
        router.get("/manifest") { request, _ in
            let query = Form(Substring(request.uri.query ?? ""))
            return page("manifest", workspace.manifestPage(phase: query["phase"], flash: flash(request)))
        }
        router.get("/rows") { request, _ in
            let query = Form(Substring(request.uri.query ?? ""))
            guard let direction = query["direction"].flatMap(Direction.init(rawValue:)) else {
                return page("message", message(title: "Not found", text: "rows are named by direction (to-A or to-B)"), status: .notFound)
            }
            let outcome = query["outcome"].flatMap(ReconciliationOutcome.init(rawValue:))
            return page("rows", workspace.rowsPage(direction: direction, outcome: outcome, page: query["page"].flatMap { Int($0) } ?? 1))
        }
        router.get("/manifest/review") { request, _ in
            let query = Form(Substring(request.uri.query ?? ""))
            do {
                return page("review", try workspace.reviewPage(query["hash"] ?? ""))
            } catch let error as WorkspaceError where error.code == .notFound {
                return page("message", message(title: "Not found", text: Self.describe(error)), status: .notFound)
            } catch {
                return page("message", message(title: "Cannot be read", text: Self.describe(error)), status: .internalServerError)
            }
        }
        router.get("/manifest/document") { request, _ in
            let query = Form(Substring(request.uri.query ?? ""))
            do {
                let html = try workspace.manifestDocument(query["hash"] ?? "", generatedAt: Timestamp.now())
                return Self.html(html, status: .ok, inlineStyles: true)
            } catch {
                return page("message", message(title: "Not found", text: Self.describe(error)), status: .notFound)
            }
        }

        action(router, "/decide") { form, state in
            let same = try form.required("same") == "yes"
            return try workspace.decide(
                request: try state.entryRef(named: try form.required("request")),
                release: try state.entryRef(named: try form.required("release")), same: same, note: form["note"] ?? ""
            )
        }
        action(router, "/review") { form, _ in
            let reviewed = form["reviewed"] == "yes"
            try workspace.markReviewed(try form.required("key"), reviewed: reviewed)
            return reviewed ? "marked reviewed" : "marked not reviewed"
        } redirect: { form in
            form["reviewed"] == "yes" ? form["next"] ?? form["back"] : form["back"]
        }
        action(router, "/dispute/open") { form, state in
            let refs = try [form["about"], form["about2"]].compactMap { $0 }.filter { !$0.isEmpty }.map { text in
                try state.entryRef(named: text)
            }
            guard let reason = DisputeReason(rawValue: try form.required("reason")) else {
                throw WorkspaceError(code: .badRequest, message: "not a dispute reason")
            }
            return try workspace.openDispute(about: refs, reason: reason, note: form["note"] ?? "")
        }
        action(router, "/dispute/comment") { form, _ in
            try workspace.comment(on: try Self.envelopeID(form.required("dispute")), note: try form.required("note"))
        }
        action(router, "/dispute/close") { form, _ in
            try workspace.close(try Self.envelopeID(form.required("dispute")), resolution: try form.required("resolution"))
        }
        action(router, "/attest") { form, state in
            guard let kind = AttestationKind(rawValue: try form.required("kind")) else {
                throw WorkspaceError(code: .badRequest, message: "not an attestation kind")
            }
            guard let date = CalendarDate(parsing: try form.required("date")), date.isWhole else {
                throw WorkspaceError(code: .badRequest, message: "the date must be a whole day, YYYY-MM-DD")
            }
            return try workspace.attest(try state.entryRef(named: try form.required("entry")), kind: kind, date: date)
        }
        action(router, "/confirm") { form, _ in
            guard let direction = Direction(rawValue: try form.required("direction")) else {
                throw WorkspaceError(code: .badRequest, message: "not a direction")
            }
            return try workspace.confirm(direction, reviewed: try form.required("hash"))
        } redirect: { _ in "/confirm" }
        action(router, "/sync") { _, _ in try await workspace.sync() }
        action(router, "/manifest/propose") { form, _ in
            // A phase's form names the phase, the hash the page showed and a reason per blocker waived.
            let waivers = form.values.filter { $0.key.hasPrefix("waive:") }.map { (String($0.key.dropFirst("waive:".count)), $0.value) }
            return try workspace.propose(
                phase: form["phase"].flatMap { $0.isEmpty ? nil : $0 }, waivers: Dictionary(waivers) { first, _ in first }, reviewed: form["hash"]
            )
        } redirect: { form in form["back"] ?? "/manifest" }
        action(router, "/manifest/sign") { form, _ in
            try workspace.signManifest(try form.required("hash"))
        } redirect: { _ in "/manifest" }
    }

    /// A POST route: reads the form, acts, leaves the result (or the refusal, as the library
    /// words it) for the next page, and redirects (303) to `back`.
    private func action(
        _ router: Router<BasicRequestContext>, _ path: RouterPath,
        _ act: @escaping @Sendable (Form, ExchangeState) async throws -> String,
        redirect: @escaping @Sendable (Form) -> String? = { $0["back"] }
    ) {
        router.post(path) { request, _ in
            let body = try await request.body.collect(upTo: Self.formLimit)
            let form = Form(Substring(String(buffer: body)))
            let session = request.cookies[WorkspaceAccess.cookieName]?.value ?? ""
            do {
                let done = try await act(form, workspace.snapshot().state)
                access.flash("done:" + done, for: session)
            } catch {
                access.flash("refused:" + Self.describe(error), for: session)
            }
            return Self.redirect(to: Self.local(redirect(form)) ?? "/")
        }
    }

    /// The message the session's last action left, once.
    private func flash(_ request: Request) -> (kind: String, text: String)? {
        guard let session = request.cookies[WorkspaceAccess.cookieName]?.value, let text = access.takeFlash(for: session),
              let colon = text.firstIndex(of: ":")
        else { return nil }
        return (String(text[..<colon]), String(text[text.index(after: colon)...]))
    }

    /// A page rendered from `template`.
    private func page(_ template: String, _ values: [String: Any], status: HTTPResponse.Status = .ok) -> Response {
        Self.html(library.render(values, withTemplate: template) ?? "", status: status, inlineStyles: false)
    }

    /// A page's values for a short message.
    private func message(title: String, text: String) -> [String: Any] {
        var values = workspace.frame(workspace.snapshot(), title: title, nav: "", flash: nil)
        values["heading"] = title
        values["text"] = text
        return values
    }

    /// An HTML answer. `inlineStyles` admits the page's own `<style>` blocks by their hashes
    /// (the printable manifest is one self-contained document); nothing else is relaxed.
    static func html(_ text: String, status: HTTPResponse.Status, inlineStyles: Bool) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        if inlineStyles {
            headers[.contentSecurityPolicy] = ContentPolicy.header(styleHashes: styleHashes(in: text))
        }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// The CSP hashes (`'sha256-…'`) of the `<style>` blocks of `html`.
    /// Searched as bytes: the printable manifest of 100,000 people is 40 MB of HTML, which
    /// Foundation's string search took a second to cross.
    static func styleHashes(in html: String) -> [String] {
        let bytes = Array(html.utf8)
        let open = Array("<style>".utf8), close = Array("</style>".utf8)
        var hashes: [String] = []
        var from = 0
        while let start = find(open, in: bytes, from: from), let end = find(close, in: bytes, from: start + open.count) {
            let css = Array(bytes[(start + open.count)..<end])
            hashes.append("'sha256-" + Data(SHA256.hash(css)).base64EncodedString() + "'")
            from = end + close.count
        }
        return hashes
    }

    /// Where `needle` first occurs in `bytes` at or after `from`.
    private static func find(_ needle: [UInt8], in bytes: [UInt8], from: Int) -> Int? {
        guard let first = needle.first, needle.count <= bytes.count else { return nil }
        var index = from
        let last = bytes.count - needle.count
        while index <= last {
            guard let candidate = bytes[index...last].firstIndex(of: first) else { return nil }
            if bytes[candidate..<(candidate + needle.count)].elementsEqual(needle) { return candidate }
            index = candidate + 1
        }
        return nil
    }

    /// A text answer of `type` (the style sheet, the script, the live state).
    static func asset(_ text: String, type: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = type
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// A redirect after a POST.
    static func redirect(to path: String) -> Response {
        Response(status: .seeOther, headers: [.location: path])
    }

    /// `path` when it is a path of this site (no scheme, no host), else nil.
    static func local(_ path: String?) -> String? {
        guard let path, path.hasPrefix("/"), !path.hasPrefix("//"), !path.contains("\\"),
              !path.contains(where: { $0.isNewline })
        else { return nil }
        return path
    }

    /// An error's message, as the library words it (the CLI prints the same after `parley: `).
    static func describe(_ error: any Error) -> String {
        if let error = error as? WorkspaceError { return error.message }
        if let error = error as? LogError { return error.message }
        return "\(error)"
    }

    /// An envelope id from its hex digits.
    static func envelopeID(_ text: String) throws(WorkspaceError) -> EnvelopeID {
        guard let id = EnvelopeID(hex: text.lowercased()) else { throw WorkspaceError(code: .badRequest, message: "not a dispute id") }
        return id
    }
}
