internal import Dispatch
internal import Synchronization

extension Array where Element: Sendable {
    /// The elements transformed on every core, in contiguous chunks of `chunkSize`, joined in
    /// order: the result is the same as `map` whatever the number of cores.
    package func concurrentMap<T: Sendable>(chunkSize: Int = 4_096, _ transform: @Sendable (Element) -> T) -> [T] {
        concurrentChunks(chunkSize: chunkSize) { slice in slice.map(transform) }
    }

    /// The texts of the elements, made on every core in chunks of `chunkSize` and joined in
    /// order: the same text as joining `map(text)`, as the reports write their rows.
    package func concurrentText(chunkSize: Int, _ text: @Sendable (Element) -> String) -> String {
        concurrentChunks(chunkSize: chunkSize) { chunk in
            var part = ""
            for element in chunk { part += text(element) }
            return [part]
        }.joined()
    }

    /// `body` applied to contiguous chunks of the array on every core; the chunks' results
    /// joined in order.
    package func concurrentChunks<T: Sendable>(chunkSize: Int, _ body: @Sendable (ArraySlice<Element>) -> [T]) -> [T] {
        precondition(chunkSize > 0, "chunks hold at least one element")
        let chunks = (count + chunkSize - 1) / chunkSize
        guard chunks > 1 else { return body(self[...]) }
        let results = Mutex([[T]](repeating: [], count: chunks))
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            let part = body(self[(c * chunkSize)..<Swift.min(count, (c + 1) * chunkSize)])
            results.withLock { $0[c] = part }
        }
        return results.withLock { $0.flatMap { $0 } }
    }
}
