/// An organisation of the working group as the admin pages list it, with how many accounts and
/// services (by the services' `organization` name) it has.
public struct OrganisationSummary: Sendable, Hashable {
    public var name: String
    public var accounts: Int
    public var services: Int

    public init(name: String, accounts: Int, services: Int) {
        self.name = name
        self.accounts = accounts
        self.services = services
    }
}
