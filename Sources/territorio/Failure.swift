import ArgumentParser
import Foundation
import TerritorioKit

/// Exit codes, documented in the root command and the README.
enum Exit {
    static let invalidInput = ExitCode(65)
    static let unreadableInput = ExitCode(66)
    /// Done, but some rows were rejected (with --partial).
    static let partial = ExitCode(3)
}

/// Writes a message for people to standard error; control characters that data may have
/// smuggled in (terminal escape sequences) are removed.
func say(_ line: String) {
    FileHandle.standardError.write(Data((Echo.stripped(line, keepNewlines: true) + "\n").utf8))
}

/// The message `key` of the catalogue, in the user's language.
func text(_ key: String, _ values: (String, Any)...) -> String {
    Messages.text(key, arguments: values)
}

/// Runs `body`, turning library errors into clear messages and the documented exit codes.
func reportingFailures(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch {
        throw exitCode(for: error)
    }
}

/// Runs `body` (async), turning library errors into clear messages and the documented exit codes.
func reportingFailures(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch {
        throw exitCode(for: error)
    }
}

/// Says what went wrong and returns the exit code for `error`.
private func exitCode(for error: any Error) -> ExitCode {
    switch error {
    case let error as InputError:
        sayFailure(error)
        say(text("nothing_written"))
        return error.kind == .unreadable ? Exit.unreadableInput : Exit.invalidInput
    case let error as ExitCode:
        return error
    case let error as ValidationError:
        say(text("error", ("message", error.message)))
        return ExitCode.validationFailure
    default:
        say(text("error", ("message", describe(error))))
        return ExitCode.failure
    }
}

/// Every problem of `error`, one "error: …" line each (at most 30, then how many more).
func sayFailure(_ error: InputError) {
    for line in error.lines(limit: 30) { say(text("error", ("message", line))) }
}

/// An error in words: its own description, or for a system error its reason and file.
func describe(_ error: Error) -> String {
    let ns = error as NSError
    guard ns.domain == NSCocoaErrorDomain || ns.domain == NSPOSIXErrorDomain else { return "\(error)" }
    let file = (ns.userInfo[NSFilePathErrorKey] as? String).map { "\($0): " } ?? ""
    return file + (ns.localizedFailureReason ?? ns.localizedDescription)
}

/// "3 municipalities: 006114, 006160, 006081" (the list cut after `limit`).
func listing(_ codes: [String], limit: Int = 12) -> String {
    let shown = codes.prefix(limit).map { Echo.value($0) }.joined(separator: ", ")
    return codes.count > limit ? shown + ", " + text("and_more", ("count", codes.count - limit)) : shown
}
