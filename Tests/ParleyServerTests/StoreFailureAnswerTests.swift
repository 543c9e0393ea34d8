import HTTPTypes
@testable import ParleyServer
import ParleyStore
import ParleyWire
import Testing

/// How the server answers a failure of its store: what may pass is `503` with `Retry-After`, what
/// waiting will not mend is `500` without it, and a moved chain or an unknown exchange is the
/// client's to act on.
@Suite struct StoreFailureAnswerTests {
    @Test(arguments: [
        (StoreError.Code.locked, WireErrorCode.unavailable, true), (.unavailable, .unavailable, true),
        (.readFailed, .unavailable, true), (.writeFailed, .unavailable, true),
        (.corrupt, .internal, false), (.diskFull, .internal, false), (.readOnly, .internal, false),
        (.cannotOpen, .internal, false), (.migrationFailed, .internal, false),
        (.chainMoved, .prevMismatch, false), (.notFound, .unknownExchange, false),
    ])
    func eachStoreFailureIsAnsweredByWhatWaitingCanMend(code: StoreError.Code, answer: WireErrorCode, retries: Bool) {
        let error = ServerError(storing: StoreError(code: code, message: "/var/lib/parley/server.sqlite: detail a client must not see"))
        #expect(error.code == answer)
        #expect((error.headers[.retryAfter] != nil) == retries)
        #expect(error.status.code == answer.httpStatus)
        #expect(!error.message.contains("/var/lib"), "the store's own message stays in the server")
    }
}
