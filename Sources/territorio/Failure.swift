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
    } catch let error as InputError {
        sayFailure(error)
        say(text("nothing_written"))
        throw error.kind == .unreadable ? Exit.unreadableInput : Exit.invalidInput
    } catch let error as ExitCode {
        throw error
    } catch let error as ValidationError {
        say(text("error", ("message", error.message)))
        throw ExitCode.validationFailure
    } catch {
        say(text("error", ("message", describe(error))))
        throw ExitCode.failure
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
