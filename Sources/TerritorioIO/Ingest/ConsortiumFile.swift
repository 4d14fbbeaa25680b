import TerritorioCore

/// The consortium's member municipalities, read from a CSV file with an ISTAT-code column and,
/// optionally, a `zone` column (the valley or district of each member, see docs/privacy.md).
public struct ConsortiumFile: Sendable {
    public var file: String
    public var codes: [String]
    /// The spreadsheet row of each code, for error messages.
    public var rowOfCode: [String: Int]
    /// The zone (valley or district) of each code, when the file has a `zone` column.
    public var zones: [String: String]? = nil

    public init(file: String, codes: [String], rowOfCode: [String: Int], zones: [String: String]? = nil) {
        self.file = file
        self.codes = codes
        self.rowOfCode = rowOfCode
        self.zones = zones
    }

    /// The error for `codes` of this file that are not in the database: one problem per row.
    public func unknownMunicipalities(_ codes: [String]) -> InputError {
        InputError(
            file: file,
            problems: codes.map {
                InputProblem(
                    .row(rowOfCode[$0] ?? 0),
                    Messages.text("msg3.file.municipality_missing", ("code", $0)))
            })
    }

    public static func read(path: String, codeColumn: String = "istat_code") throws(InputError) -> ConsortiumFile {
        let table = try CSVStream.table(path: path)
        let column = try table.requireColumn(codeColumn, option: "--code-column")
        let zoneColumn = table.column("zone")
        var zones: [String: String] = [:]
        var problems: [InputProblem] = []
        var codes: [String] = []
        var rowOfCode: [String: Int] = [:]
        for (i, record) in table.records.enumerated() {
            let row = table.row(ofRecord: i)
            let raw = CSVStream.Table.field(record, column)
            guard let (code, _) = IstatCode.parseLenient(raw) else {
                problems.append(
                    InputProblem(
                        .row(row), field: table.header[column],
                        Messages.text("msg3.file.istat_code", ("found", Echo.value(raw)))))
                continue
            }
            if rowOfCode[code] == nil {
                rowOfCode[code] = row
                codes.append(code)
            }
            if let zoneColumn, case let zone = CSVStream.Table.field(record, zoneColumn), !zone.isEmpty {
                zones[code] = zone
            }
        }
        guard problems.isEmpty else { throw InputError(file: path, problems: problems) }
        guard !codes.isEmpty else {
            throw InputError(file: path, kind: .invalid, Messages.text("msg3.file.no_municipality"))
        }
        return ConsortiumFile(file: path, codes: codes, rowOfCode: rowOfCode, zones: zoneColumn == nil ? nil : zones)
    }
}
