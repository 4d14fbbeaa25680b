import Foundation

/// Reads, parses and validates a survey file's rows on a thread of its own and hands them, in
/// batches, to the thread that writes them (``SurveyIngest``): the file is parsed on one core
/// while SQLite writes on the other. At most ``waitingBatches`` batches wait at a time, so
/// memory does not grow with the file.
///
/// Once started, it owns the stream and the reader (whose point locator holds GEOS prepared
/// polygons): the caller must not use them again until ``stop()`` returned.
final class RowProducer: @unchecked Sendable {
    /// One row as the writer needs it.
    struct Row {
        /// The row as read; its cells are left out when it is accepted and the writer cannot
        /// refuse it (``SubmissionWriter/mayRefuse(_:)``): only a quarantined row needs them.
        var record: CSVStream.Record
        var keys: (uuid: String?, token: String?)
        /// The reader's verdict, the point already coarsened as the privacy option says.
        var outcome: SubmissionReader.Outcome
        /// The accepted submission's ``Submission/contentHash`` (hashed on the reading thread).
        var contentHash: String?
        /// Bytes of the file read when the row was parsed (for progress reports).
        var bytesRead: Int
    }

    static let batchSize = 512
    static let waitingBatches = 4

    private let stream: CSVStream
    private let reader: SubmissionReader
    private let privacy: LocationPrivacy
    private let queue = BoundedQueue<Result<[Row], Error>>(capacity: RowProducer.waitingBatches)
    private let finished = DispatchSemaphore(value: 0)
    private var started = false
    /// Called on the consumer's thread with each batch before its first row is handed out.
    var onBatch: (([Row]) throws -> Void)?
    // The consumer's side: the rest of the batch being handed out. The producer reversed it:
    // each row is moved out of its end, not copied.
    private var pending: [Row] = []

    init(stream: CSVStream, reader: SubmissionReader, privacy: LocationPrivacy) {
        self.stream = stream
        self.reader = reader
        self.privacy = privacy
    }

    /// Starts the reading thread.
    func start() {
        started = true
        // The reader's messages in the language of whoever asked (a web request's, see
        // `Messages.speaking`), which a new thread would not inherit.
        let language = Messages.language
        let thread = Thread { [self] in
            Messages.speaking(language) { produce() }
            finished.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// The next row, or nil at the end of the file; throws what reading the file threw.
    func next() throws -> Row? {
        if pending.isEmpty {
            guard let batch = queue.take() else { return nil }
            pending = try batch.get()
            try onBatch?(pending.reversed())
        }
        return pending.popLast()
    }

    /// Stops the reading thread (at the end, or when the writer gave up) and waits for it.
    func stop() {
        guard started else { return }
        started = false
        queue.cancel()
        finished.wait()
    }

    private func produce() {
        var batch: [Row] = []
        batch.reserveCapacity(Self.batchSize)
        do {
            while let record = try stream.next() {
                batch.append(row(record))
                if batch.count == Self.batchSize {
                    batch.reverse()  // handed out last row first (see `pending`)
                    guard queue.put(.success(batch)) else { return }
                    batch.removeAll(keepingCapacity: true)
                }
            }
            if !batch.isEmpty {
                batch.reverse()
                _ = queue.put(.success(batch))
            }
        } catch {
            _ = queue.put(.failure(error))
        }
        queue.close()
    }

    private func row(_ record: CSVStream.Record) -> Row {
        var record = record
        let answers = reader.answers(of: record)
        let verdict = reader.verdict(answers)
        var outcome = verdict.outcome
        var hash: String?
        if case .accepted(var submission, let warnings) = outcome {
            submission.location = submission.location.flatMap(privacy.coarsen)
            hash = submission.contentHash
            // A row that cannot be quarantined needs no cells: they are freed here, on the
            // thread that made them, rather than by the writing thread.
            if !SubmissionWriter.mayRefuse(submission) { record.fields = [] }
            outcome = .accepted(submission, warnings: warnings)
        }
        return Row(
            record: record, keys: verdict.keys, outcome: outcome, contentHash: hash,
            bytesRead: stream.bytesRead)
    }
}

extension RowProducer.Row {
    /// The accepted submission, nil for a rejected row.
    var submission: Submission? {
        if case .accepted(let s, _) = outcome { return s }
        return nil
    }
}
