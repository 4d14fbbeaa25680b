import Foundation

/// A problem with an account.
public enum AccountError: Error, CustomStringConvertible, Equatable {
    case duplicate(name: String)
    case emptyName
    case duplicateOrganisation(name: String)

    public var description: String {
        switch self {
        case .duplicate(let n): "an account named \(n) already exists"
        case .emptyName: "the account name and the organisation must not be empty"
        case .duplicateOrganisation(let n): "an organisation named \(n) already exists"
        }
    }
}
