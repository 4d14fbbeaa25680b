extension CSVStream {
    /// A small CSV file read whole through the stream (population, consortium, categories, faq,
    /// services, cost matrices): the same dialect and encoding sniffing, the same refusals.
    ///
    /// Row numbers are the ones a spreadsheet shows: the header is row 1.
    public struct Table: Sendable {
        public let file: String
        /// The header's names, trimmed.
        public let header: [String]
        public let records: [[String]]
        /// The spreadsheet row of each record.
        public let rows: [Int]
        /// Shape problems (see ``Record/shapeProblems(columns:)``) of the records that have any,
        /// by record index.
        public let malformed: [Int: [InputProblem]]
        public let encoding: String

        /// Every shape problem of the file, in row order.
        public var problems: [InputProblem] { malformed.keys.sorted().flatMap { malformed[$0]! } }

        /// The spreadsheet row of record `index`.
        public func row(ofRecord index: Int) -> Int { rows[index] }

        /// The index of the column called `name` (case- and space-insensitive).
        public func column(_ name: String) -> Int? {
            let wanted = name.trimmingCharacters(in: .whitespaces).lowercased()
            return header.firstIndex { $0.lowercased() == wanted }
        }

        /// The index of column `name`, or an error that lists the columns the file has.
        public func requireColumn(_ name: String, option: String) throws(InputError) -> Int {
            guard let i = column(name) else {
                throw InputError(
                    file: file, kind: .invalid,
                    "no column '\(name)'; the columns are: "
                        + "\(header.joined(separator: ", ")). Choose one with \(option)")
            }
            return i
        }

        /// Field `column` of `record`, trimmed; empty when the row is short.
        public static func field(_ record: [String], _ column: Int) -> String {
            column < record.count ? record[column].trimmingCharacters(in: .whitespacesAndNewlines) : ""
        }
    }

    /// Reads `path` whole. With `strict` (the default), a record with a shape problem (ragged
    /// row, quote never closed, NUL byte, oversized field) is an ``InputError`` listing every
    /// such problem with its row and column; without, the problems are in ``Table/malformed``
    /// for the caller to reject those rows.
    public static func table(path: String, strict: Bool = true) throws(InputError) -> Table {
        let stream = try CSVStream(path: path)
        let headerRecord: Record?
        do { headerRecord = try stream.next() } catch { throw InputError(file: path, "cannot read the file: \(error)") }
        guard let headerRecord else { throw InputError(file: path, "the file has no header line") }
        let header = headerRecord.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        var records: [[String]] = []
        var rows: [Int] = []
        var malformed: [Int: [InputProblem]] = [:]
        do {
            while let record = try stream.next() {
                let problems = record.shapeProblems(columns: header.count).map { problem in
                    let column = problem.field.map { Self.name(of: $0, in: header) }
                    return InputProblem(.row(record.row), field: column, problem.message)
                }
                if !problems.isEmpty { malformed[records.count] = problems }
                records.append(record.fields)
                rows.append(record.row)
            }
        } catch let error as InputError {
            throw error
        } catch {
            throw InputError(file: path, "cannot read the file: \(error)")
        }
        let table = Table(
            file: path, header: header, records: records, rows: rows, malformed: malformed,
            encoding: stream.encoding)
        if strict && !malformed.isEmpty { throw InputError(file: path, problems: table.problems) }
        return table
    }

    /// The header name of field `index`, or `#n` past the header's end.
    public static func name(of index: Int, in header: [String]) -> String {
        index < header.count && !header[index].isEmpty ? header[index] : "#\(index + 1)"
    }
}
