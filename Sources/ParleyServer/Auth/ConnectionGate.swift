import NIOCore
import NIOHTTPTypes
import Synchronization

/// Counts open connections per remote address and closes a connection that would pass
/// ``ConnectionLimits/maxConnectionsPerAddress``, so that one address cannot take every
/// descriptor (the total is bounded by Hummingbird's `MaximumAvailableConnections`).
final class ConnectionGate: Sendable {
    private let limit: Int
    private let open = Mutex<[String: Int]>([:])

    /// A gate with no connection open.
    init(limit: Int) {
        self.limit = limit
    }

    /// Counts a new connection from `address`.
    ///
    /// - Returns: `false` (and counts nothing) when the address is at its limit.
    func enter(_ address: String) -> Bool {
        open.withLock { open in
            let count = open[address, default: 0]
            guard count < limit else { return false }
            open[address] = count + 1
            return true
        }
    }

    /// Forgets a connection that ``enter(_:)`` counted.
    func leave(_ address: String) {
        open.withLock { open in
            let count = open[address, default: 1] - 1
            open[address] = count > 0 ? count : nil
        }
    }

    /// Connections open now from `address`.
    func count(_ address: String) -> Int {
        open.withLock { $0[address, default: 0] }
    }

    /// The address a connection is counted under: its IP address without the port.
    static func address(of channel: any Channel) -> String {
        channel.remoteAddress?.ipAddress ?? "unknown"
    }

    /// A channel handler for one connection, added to each connection's pipeline.
    func handler() -> Handler {
        Handler(gate: self)
    }

    /// Enters the gate when its connection becomes active and leaves it when it closes.
    final class Handler: ChannelInboundHandler, RemovableChannelHandler {
        typealias InboundIn = HTTPRequestPart

        private let gate: ConnectionGate
        private var counted: String?

        init(gate: ConnectionGate) {
            self.gate = gate
        }

        func handlerAdded(context: ChannelHandlerContext) {
            if context.channel.isActive { enter(context) }
        }

        func channelActive(context: ChannelHandlerContext) {
            enter(context)
            context.fireChannelActive()
        }

        func channelInactive(context: ChannelHandlerContext) {
            leave()
            context.fireChannelInactive()
        }

        func handlerRemoved(context: ChannelHandlerContext) {
            leave()
        }

        private func enter(_ context: ChannelHandlerContext) {
            guard counted == nil else { return }
            let address = ConnectionGate.address(of: context.channel)
            if gate.enter(address) {
                counted = address
            } else {
                context.close(promise: nil)
            }
        }

        private func leave() {
            if let address = counted {
                gate.leave(address)
                counted = nil
            }
        }
    }
}
