import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ParleyParty
@testable import ParleyWorkspace
import Testing

/// A workspace of `home` in `fixture`, with its router's test client, logged in.
func withWorkspace(
    _ fixture: WorkspaceFixture, home: PartyHome, login: Bool = true,
    _ body: @Sendable (any TestClientProtocol, String, WorkspaceAccess) async throws -> Void
) async throws {
    let workspace = try Workspace(home: home, exchange: fixture.exchange, clock: { WorkspaceFixture.time(60) })
    let access = WorkspaceAccess(token: "one-time-token", hosts: ["localhost"])
    let app = Application(router: try buildWorkspaceRouter(workspace: workspace, access: access))
    try await app.test(.router) { client in
        var cookie = ""
        if login {
            cookie = try await client.execute(uri: "/?token=one-time-token", method: .get) { response in
                try #require(response.status == .seeOther)
                let set = try #require(response.headers[.setCookie])
                return String(set.prefix { $0 != ";" })
            }
        }
        try await body(client, cookie, access)
    }
}

/// Headers of a same-origin form post with the session.
func post(_ cookie: String) -> HTTPFields {
    [.cookie: cookie, .origin: "http://localhost", .contentType: "application/x-www-form-urlencoded"]
}

/// A form body as a browser posts it.
func form(_ values: [String: String]) -> ByteBuffer {
    ByteBuffer(string: values.map { "\($0.key)=\(Form.escaped($0.value))" }.joined(separator: "&"))
}
