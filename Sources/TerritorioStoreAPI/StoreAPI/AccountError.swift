import Foundation
import TerritorioCore

/// A problem with an account.
public enum AccountError: Error, CustomStringConvertible, Equatable {
    case duplicate(name: String)
    case emptyName
    case duplicateOrganisation(name: String)

    public var description: String {
        switch self {
        case .duplicate(let n): Messages.text("msg3.account.duplicate", ("name", n))
        case .emptyName: Messages.text("msg3.account.empty_name")
        case .duplicateOrganisation(let n): Messages.text("msg3.account.duplicate_organisation", ("name", n))
        }
    }
}
