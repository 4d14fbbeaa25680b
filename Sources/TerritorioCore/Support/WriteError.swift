/// An output file that could not be written, with the cause in words (the folder is missing,
/// no permission…) instead of the system's error domain and code.
public struct WriteError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { Messages.text("write.failed", ("file", path), ("reason", reason)) }
}
