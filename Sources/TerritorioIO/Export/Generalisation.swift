/// Global recoding of the quasi-identifiers of user submissions before local suppression, as
/// statistical offices do (docs/privacy.md): the municipality becomes the consortium's zone,
/// the month its quarter, the household size a band. Age groups are already bands; languages
/// are kept as the sorted set of codes.
public enum Generalisation {
    /// The household-size bands: 1, 2, 3-4, 5+.
    public static func householdBand(_ size: Int?) -> String {
        guard let size, size > 0 else { return "" }
        switch size {
        case 1: return "1"
        case 2: return "2"
        case 3...4: return "3-4"
        default: return "5+"
        }
    }

    /// "2026-09" → "2026-Q3"; "" when the month is missing or malformed.
    public static func quarter(month: String?) -> String {
        guard let month, month.count == 7, let m = Int(month.suffix(2)), (1...12).contains(m) else { return "" }
        return "\(month.prefix(4))-Q\((m - 1) / 3 + 1)"
    }

    /// The zone of `code`, or the municipality's own name where no zone is defined (then the
    /// municipality is not generalised, and local suppression does all the work).
    public static func zone(of code: String, zones: [String: String], names: [String: String]) -> String {
        zones[code] ?? names[code] ?? code
    }

    /// The language codes in a fixed order, so that the same set gives the same value.
    public static func languages(_ codes: String?) -> String {
        (codes ?? "").split(separator: " ").map(String.init).sorted().joined(separator: " ")
    }
}
