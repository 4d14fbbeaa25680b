/// Where in an input file a problem is.
public enum InputLocation: Hashable, Sendable, CustomStringConvertible {
    /// A GeoJSON feature, counted from 0 as ogrinfo and QGIS number them; with its code when known.
    case feature(index: Int, code: String?)
    /// A CSV row as a spreadsheet numbers it (the header is row 1).
    case row(Int)
    /// The file as a whole.
    case file

    public var description: String {
        switch self {
        case .feature(let i, let code?):
            Messages.text("where.feature_code", ("index", String(i)), ("code", Echo.value(code)))
        case .feature(let i, nil): Messages.text("where.feature", ("index", String(i)))
        case .row(let r): Messages.text("where.row", ("row", String(r)))
        case .file: ""
        }
    }
}

/// One problem found in an input file: where, which field, and what was expected.
public struct InputProblem: Hashable, Sendable, CustomStringConvertible {
    public var location: InputLocation
    /// The property (GeoJSON) or column (CSV) concerned, if any.
    public var field: String?
    public var message: String

    public init(_ location: InputLocation, field: String? = nil, _ message: String) {
        self.location = location
        self.field = field
        self.message = message
    }

    public var description: String {
        var parts: [String] = []
        let place = location.description
        if !place.isEmpty { parts.append(place) }
        if let field {
            switch location {
            case .row: parts.append(Messages.text("where.column", ("column", Echo.value(field))))
            default: parts.append(Messages.text("where.property", ("property", Echo.value(field))))
            }
        }
        return parts.isEmpty ? message : parts.joined(separator: ", ") + ": " + message
    }
}

/// Input that cannot be used: nothing was written. Carries every problem found, so that
/// a file can be fixed in one pass.
public struct InputError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable {
        /// The file is missing or cannot be read as the expected format.
        case unreadable
        /// The file was read, but some of its content is invalid.
        case invalid
    }

    public var file: String
    public var kind: Kind
    public var problems: [InputProblem]

    public init(file: String, kind: Kind = .invalid, problems: [InputProblem]) {
        self.file = file
        self.kind = kind
        self.problems = problems
    }

    /// A problem with the file as a whole; `.invalid` (exit 65) unless the file could not be read at all.
    public init(file: String, kind: Kind = .invalid, _ message: String) {
        self.init(file: file, kind: kind, problems: [InputProblem(.file, message)])
    }

    /// Every problem, one per line, each prefixed with the file name.
    public var description: String { lines(limit: .max).joined(separator: "\n") }

    /// At most `limit` problem lines, then a line saying how many more there are.
    public func lines(limit: Int) -> [String] {
        var out = problems.prefix(limit).map { "\(file): \($0)" }
        if problems.count > limit {
            out.append("\(file): " + Messages.text("more_problems", ("count", problems.count - limit)))
        }
        return out
    }
}
