import Foundation

extension AccessIndex {
    /// The CSV of `territorio report access`: `istat_code`, `name`, `population`, then
    /// `<category>_access` and `<category>_access_ratio` for each category; empty where no
    /// service is within reach. Numbers are written as the gap report writes them (12
    /// significant digits), straight into bytes.
    public func csv() -> [UInt8] {
        let codes = categories.map(\.code)
        var out: [UInt8] = []
        out.reserveCapacity((inputs.demand.codes.count + 1) * (32 + codes.count * 36))
        CSVText.append(
            ["istat_code", "name", "population"] + codes.flatMap { ["\($0)_access", "\($0)_access_ratio"] },
            to: &out)
        let columns = codes.map { self.columns[$0]! }
        let demand = inputs.demand
        for i in demand.codes.indices {
            CSVText.append([demand.codes[i], demand.names[i], String(Int(demand.populations[i]))], to: &out)
            out.removeLast()  // the line goes on
            for column in columns {
                Self.appendNumber(column.access[i], to: &out)
                Self.appendNumber(column.ratio[i], to: &out)
            }
            out.append(UInt8(ascii: "\n"))
        }
        return out
    }

    /// A comma, then `value` as the gap report's CSV writes it (nothing for nil).
    private static func appendNumber(_ value: Double?, to out: inout [UInt8]) {
        out.append(UInt8(ascii: ","))
        guard let value else { return }
        var text = GapReport.rounded(value).description
        text.withUTF8 { out.append(contentsOf: $0) }
    }
}
