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
    // The consumer's side: the batch being handed out.
    private var pending: [Row] = []
    private var position = 0

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
        if position == pending.count {
            guard let batch = queue.take() else { return nil }
            pending = try batch.get()
            position = 0
            try onBatch?(pending)
        }
        defer { position += 1 }
        return pending[position]
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
                    guard queue.put(.success(batch)) else { return }
                    batch.removeAll(keepingCapacity: true)
                }
            }
            if !batch.isEmpty { _ = queue.put(.success(batch)) }
        } catch {
            _ = queue.put(.failure(error))
        }
        queue.close()
    }

    private func row(_ record: CSVStream.Record) -> Row {
        let answers = reader.answers(of: record)
        let verdict = reader.verdict(answers)
        var outcome = verdict.outcome
        var hash: String?
        if case .accepted(var submission, let warnings) = outcome {
            submission.location = submission.location.flatMap(privacy.coarsen)
            hash = submission.contentHash
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
