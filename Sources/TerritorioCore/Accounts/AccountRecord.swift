/// An account of the web app as the store keeps it (the password hash stays in the store).
public struct AccountRecord: Sendable, Hashable {
    public var id: Int64
    public var name: String
    public var organisation: String
    public var role: AccountRole

    public init(id: Int64, name: String, organisation: String, role: AccountRole) {
        self.id = id
        self.name = name
        self.organisation = organisation
        self.role = role
    }

    /// Whether this account may edit `service`: admins every service, operators their own
    /// organisation's (matched by the service's `organization` name), nobody else.
    public func mayEdit(_ service: Service) -> Bool {
        switch role {
        case .admin: true
        case .operator: service.organization == organisation
        case .planner, .researcher: false
        }
    }
}
