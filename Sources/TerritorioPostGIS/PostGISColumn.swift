/// A column of a PostGIS table as ``PostGISStore``'s table copy reads and writes it: the SQL that
/// reads it as a ``TerritorioStoreAPI/CopyValue`` and the SQL that writes one into it.
struct PostGISColumn: Sendable {
    enum Kind: Sendable {
        case boolean, integer, real, text, bytes, geometry
        case other(String)
    }

    var name: String
    var kind: Kind
    /// Whether the column's values come from a sequence (identity or serial), to advance after a copy.
    var generated: Bool

    init(name: String, type: String, generated: Bool) {
        self.name = name
        self.generated = generated
        switch type {
        case "bool": kind = .boolean
        case "int2", "int4", "int8": kind = .integer
        case "float4", "float8", "numeric": kind = .real
        case "text", "varchar", "bpchar", "name": kind = .text
        case "bytea": kind = .bytes
        case "geometry": kind = .geometry
        default: kind = .other(type)
        }
    }

    var quoted: String { PostGISColumn.quote(name) }

    static func quote(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The expression that reads the column: booleans as 0/1, geometries as WKB.
    var selection: String {
        switch kind {
        case .boolean: "\(quoted)::int4::int8"
        case .integer: "\(quoted)::int8"
        case .real: "\(quoted)::float8"
        case .bytes: quoted
        case .geometry: "ST_AsBinary(\(quoted))"
        case .text, .other: "\(quoted)::text"
        }
    }

    /// The expression that writes parameter `n` into the column.
    func slot(_ n: Int) -> String {
        switch kind {
        case .boolean: "$\(n)::int4::boolean"
        case .integer: "$\(n)::int8"
        case .real: "$\(n)::float8"
        case .bytes: "$\(n)::bytea"
        case .geometry: "ST_GeomFromWKB($\(n)::bytea, 4326)"
        case .text: "$\(n)::text"
        case .other(let type): "$\(n)::text::\(type)"
        }
    }
}
