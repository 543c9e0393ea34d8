import ParleyStore
import Synchronization

/// What a command opened that lives until the process ends: the kept state and reconciliation of
/// an exchange of 100,000 people are millions of small objects, and freeing them one by one when
/// the command returns took half a second at that size (a tenth of `finalize status` after a
/// decision, by `perf`) that the process's exit reclaims at once.
///
/// The replicas they read are closed before the process exits (``closeReplicas()``), which folds
/// SQLite's write-ahead log into the file (``ParleyStore/Replica/close()``).
///
/// Only the command line keeps things here; the libraries and the long-lived faces (`parley ui`,
/// `parley serve`) free what they no longer use.
enum KeptUntilExit {
    private static let kept = Mutex<(objects: [any AnyObject & Sendable], replicas: [Replica])>(([], []))

    /// Keeps `object`, which reads `replica`, alive until the process exits.
    static func keep(_ object: some AnyObject & Sendable, reading replica: Replica) {
        kept.withLock {
            $0.objects.append(object)
            if !$0.replicas.contains(where: { $0 === replica }) { $0.replicas.append(replica) }
        }
    }

    /// Keeps `value`, which reads `replica`, alive until the process exits (a value that is not
    /// an object: `parley verify`'s check holds every envelope and the state folded from them).
    static func keep(_ value: some Sendable, reading replica: Replica) {
        keep(Box(value), reading: replica)
    }

    /// A value kept as an object.
    private final class Box<Value: Sendable>: Sendable {
        let value: Value
        init(_ value: Value) { self.value = value }
    }

    /// Closes the replicas of what is kept; the process is about to exit.
    static func closeReplicas() {
        for replica in kept.withLock({ $0.replicas }) {
            try? replica.close()
        }
    }
}
