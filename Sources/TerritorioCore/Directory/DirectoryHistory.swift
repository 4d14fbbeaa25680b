import Foundation

/// The service directory at an earlier date, from the directory as it is and its history.
public enum DirectoryHistory {
    /// The effective date of the services of the directory's first import: there from the start.
    public static let baseline = "0000-00-00"

    /// The directory before `changes` (those taking effect after the date of interest): each change
    /// is undone, newest first. A service with no recorded change has always been there.
    public static func services(current: [Service], undoing changes: [ServiceChange]) -> [Service] {
        guard !changes.isEmpty else { return current }
        var byID = Dictionary(uniqueKeysWithValues: current.map { ($0.id, $0) })
        let newestFirst = changes.sorted { ($0.effectiveDate, $0.recordedAt) > ($1.effectiveDate, $1.recordedAt) }
        for change in newestFirst { byID[change.serviceID] = change.before }
        return byID.values.sorted { $0.id < $1.id }
    }

    /// The changes taking effect after `from` and up to `to` (inclusive), oldest first.
    public static func changes(_ all: [ServiceChange], after from: String, upTo to: String) -> [ServiceChange] {
        all.filter { $0.effectiveDate > from && $0.effectiveDate <= to }
    }
}
