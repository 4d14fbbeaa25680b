import TerritorioCore

/// Population per municipality read from a CSV file and checked.
///
/// Codes that lost their leading zeros in a spreadsheet (6114) are padded (006114) and
/// counted; populations may use thousands separators ("27.682", "27 682"). Any other problem
/// (a non-numeric code, a negative or non-integer population, a code repeated) is reported
/// with its row and column, and nothing is imported.
public struct PopulationFile: Sendable {
    public struct Entry: Sendable, Hashable {
        public var code: String
        public var name: String?
        public var population: Int
        public var row: Int

        package init(code: String, name: String? = nil, population: Int, row: Int) {
            self.code = code
            self.name = name
            self.population = population
            self.row = row
        }
    }

    public var file: String
    public var year: Int
    public var entries: [Entry]
    /// How many codes were padded with leading zeros.
    public var paddedCodes: Int

    public struct Columns: Sendable {
        public var code: String
        public var population: String
        public var name: String
        public init(code: String = "istat_code", population: String = "population_2011", name: String = "name") {
            self.code = code
            self.population = population
            self.name = name
        }
    }

    /// Reads `path`. `year` defaults to a year at the end of the population column's name
    /// (`population_2011` → 2011).
    public static func read(path: String, columns: Columns = Columns(), year: Int? = nil) throws(InputError)
        -> PopulationFile
    {
        let table = try CSVStream.table(path: path)
        let codeColumn = try table.requireColumn(columns.code, option: "--code-column")
        let populationColumn = try table.requireColumn(columns.population, option: "--population-column")
        let nameColumn = table.column(columns.name)
        guard let year = year ?? Self.year(inColumnName: table.header[populationColumn]) else {
            throw InputError(
                file: path, kind: .invalid,
                Messages.text("msg3.file.population_year", ("column", Echo.value(table.header[populationColumn]))))
        }

        var problems: [InputProblem] = []
        var entries: [Entry] = []
        var firstRowOfCode: [String: Int] = [:]
        var padded = 0
        for (i, record) in table.records.enumerated() {
            let row = table.row(ofRecord: i)
            let rawCode = CSVStream.Table.field(record, codeColumn)
            let rawPopulation = CSVStream.Table.field(record, populationColumn)
            guard let (code, wasPadded) = IstatCode.parseLenient(rawCode) else {
                problems.append(
                    InputProblem(
                        .row(row), field: table.header[codeColumn],
                        Messages.text("msg3.file.istat_code", ("found", Echo.value(rawCode)))))
                continue
            }
            if wasPadded { padded += 1 }
            if let first = firstRowOfCode[code] {
                problems.append(
                    InputProblem(
                        .row(row), field: table.header[codeColumn],
                        Messages.text("msg3.file.code_twice", ("code", code), ("first", first)))
                )
                continue
            }
            firstRowOfCode[code] = row
            guard let population = Self.count(rawPopulation) else {
                problems.append(
                    InputProblem(
                        .row(row), field: table.header[populationColumn],
                        Messages.text("msg3.file.residents", ("found", Echo.value(rawPopulation)))))
                continue
            }
            let name = nameColumn.map { CSVStream.Table.field(record, $0) }
            entries.append(
                Entry(code: code, name: name?.isEmpty == false ? name : nil, population: population, row: row))
        }
        guard problems.isEmpty else { throw InputError(file: path, problems: problems) }
        guard !entries.isEmpty else {
            throw InputError(file: path, kind: .invalid, Messages.text("msg3.file.no_rows"))
        }
        return PopulationFile(file: path, year: year, entries: entries, paddedCodes: padded)
    }

    /// A whole, non-negative number, allowing thousands separators (`.`, `,`, space) in groups of three.
    package static func count(_ text: String) -> Int? {
        if let n = Int(text), n >= 0 { return n }
        let groups = text.split(omittingEmptySubsequences: false) {
            $0 == "." || $0 == "," || $0 == " " || $0 == "\u{00A0}"
        }
        guard groups.count > 1, let head = groups.first, (1...3).contains(head.count),
            groups.dropFirst().allSatisfy({ $0.count == 3 }),
            groups.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) })
        else { return nil }
        return Int(groups.joined())
    }

    package static func year(inColumnName name: String) -> Int? {
        let digits = name.reversed().prefix { $0.isASCIIDigit }
        guard digits.count == 4, let y = Int(String(digits.reversed())), (1800...2200).contains(y) else { return nil }
        return y
    }

    package init(file: String, year: Int, entries: [Entry], paddedCodes: Int) {
        self.file = file
        self.year = year
        self.entries = entries
        self.paddedCodes = paddedCodes
    }
}
