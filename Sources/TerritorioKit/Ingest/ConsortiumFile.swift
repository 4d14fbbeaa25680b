/// The consortium's member municipalities, read from a CSV file with an ISTAT-code column.
public struct ConsortiumFile: Sendable {
    public var file: String
    public var codes: [String]
    /// The spreadsheet row of each code, for error messages.
    public var rowOfCode: [String: Int]

    public static func read(path: String, codeColumn: String = "istat_code") throws(InputError) -> ConsortiumFile {
        let table = try CSVTable.read(path: path)
        let column = try table.requireColumn(codeColumn, option: "--code-column")
        var problems: [InputProblem] = []
        var codes: [String] = []
        var rowOfCode: [String: Int] = [:]
        for (i, record) in table.records.enumerated() {
            let row = CSVTable.rowNumber(ofRecord: i)
            let raw = CSVTable.field(record, column)
            guard let (code, _) = IstatCode.parseLenient(raw) else {
                problems.append(InputProblem(.row(row), field: table.header[column],
                                             "expected a 6-digit ISTAT code such as 006114, found \"\(Echo.value(raw))\""))
                continue
            }
            if rowOfCode[code] == nil {
                rowOfCode[code] = row
                codes.append(code)
            }
        }
        guard problems.isEmpty else { throw InputError(file: path, problems: problems) }
        guard !codes.isEmpty else { throw InputError(file: path, kind: .invalid, "the file lists no municipality") }
        return ConsortiumFile(file: path, codes: codes, rowOfCode: rowOfCode)
    }
}
