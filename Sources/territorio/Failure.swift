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

/// Writes a message for people to standard error.
func say(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
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
        for line in error.lines(limit: 30) { say("error: " + line) }
        say("Nothing was written.")
        return error.kind == .unreadable ? Exit.unreadableInput : Exit.invalidInput
    case let error as ExitCode:
        return error
    default:
        say("error: \(error)")
        return ExitCode.failure
    }
}

/// "3 municipalities: 006114, 006160, 006081" (the list cut after `limit`).
func listing(_ codes: [String], limit: Int = 12) -> String {
    let shown = codes.prefix(limit).joined(separator: ", ")
    return codes.count > limit ? "\(shown), … (\(codes.count - limit) more)" : shown
}
