import TerritorioCore

/// Where each answer of a form sits in the rows of one survey export, found once from its header
/// (``SurveyColumns``), so that a row is read in place by position (``RowAnswers``) instead of
/// being copied into dictionaries keyed by name.
package struct ColumnPositions: Sendable {
    /// A select_multiple 0/1 column: its position, its field, the choice it ticks, its header.
    package struct FlagColumn: Sendable {
        var column: Int
        var field: String
        var value: String
        var header: String
    }

    /// Field name → its columns, in column order (one, unless the header repeats a question).
    let fields: [String: [Int]]
    /// Every 0/1 column, in column order.
    let flagColumns: [FlagColumn]
    /// Field name → the indexes of its 0/1 columns in ``flagColumns``.
    let flagsOfField: [String: [Int]]
    /// Geopoint field → its split parts' columns.
    let geo: [String: [SurveyColumns.GeoPart: [Int]]]
    /// Metadata → its columns.
    let meta: [SurveyColumns.Meta: [Int]]

    package init(_ columns: SurveyColumns) {
        var fields: [String: [Int]] = [:]
        var flagColumns: [FlagColumn] = []
        var flagsOfField: [String: [Int]] = [:]
        var geo: [String: [SurveyColumns.GeoPart: [Int]]] = [:]
        var meta: [SurveyColumns.Meta: [Int]] = [:]
        for (i, role) in columns.roles.enumerated() {
            switch role {
            case .field(let name): fields[name, default: []].append(i)
            case .choiceFlag(let field, let value):
                flagsOfField[field, default: []].append(flagColumns.count)
                flagColumns.append(FlagColumn(column: i, field: field, value: value, header: columns.header[i]))
            case .geo(let field, let part): geo[field, default: [:]][part, default: []].append(i)
            case .meta(let m): meta[m, default: []].append(i)
            case .identity, .ignored, .known: break
            }
        }
        (self.fields, self.flagColumns, self.flagsOfField) = (fields, flagColumns, flagsOfField)
        (self.geo, self.meta) = (geo, meta)
    }
}
