internal import Foundation
import ParleyLog

extension Timestamp {
    /// The system clock, to the whole second. The command line is where Parley reads the clock;
    /// the libraries take timestamps as arguments.
    static func now() -> Timestamp {
        Timestamp(secondsSince1970: Int64(Date().timeIntervalSince1970.rounded(.down)))
    }
}
