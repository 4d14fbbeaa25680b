/// Hands a value that is not `Sendable` to one other thread, which alone uses it until the
/// sender resumes: how an ingest session's synchronous body and its ledger move to the thread
/// that runs them (``PostGISStore/ingestSession(_:)``).
final class UncheckedTransfer<Value>: @unchecked Sendable {
    let value: Value

    init(_ value: Value) {
        self.value = value
    }
}
