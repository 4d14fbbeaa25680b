/// What setting the consortium's membership changed.
public struct ConsortiumReport: Sendable {
    public var members: [String] = []
    public var joined: [String] = []
    public var left: [String] = []

    /// Every stored property, as given (backends in other modules build this value too).
    public init(members: [String] = [], joined: [String] = [], left: [String] = []) {
        self.members = members
        self.joined = joined
        self.left = left
    }
}
