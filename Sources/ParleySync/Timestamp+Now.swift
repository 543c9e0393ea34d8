internal import Foundation
package import ParleyLog

extension Timestamp {
    /// The system clock, to the whole second. The edges (the command line, the server and the sync
    /// client) read the clock; the core libraries take timestamps as arguments.
    package static func now() -> Timestamp {
        Timestamp(secondsSince1970: Int64(Date().timeIntervalSince1970.rounded(.down)))
    }
}
