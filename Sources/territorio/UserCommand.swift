import ArgumentParser
import Foundation
import TerritorioKit
import TerritorioServer

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Accounts of the web app (`territorio serve`).",
        subcommands: [Add.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an account: the password is read from standard input, or generated and printed once.")

        @OptionGroup var global: GlobalOptions
        @Option(help: "The account's organisation (created when new); an operator edits its services.")
        var org: String
        @Option(help: "admin, operator, planner or researcher.") var role: AccountRole
        @Option(help: "The account name used to sign in.") var name: String
        @Flag(help: "Read the password from standard input (one line) instead of generating one.")
        var passwordStdin = false

        func run() async throws {
            let password = try passwordStdin ? Self.readPassword() : Passwords.generate()
            try await reportingFailures {
                let store = try await global.existingWebStore().store
                try await store.addAccount(
                    name: name, organisation: org, role: role,
                    passwordHash: Passwords.hash(password), by: nil)
                say(text("msg3.user.added", ("role", role.rawValue), ("name", name), ("org", org)))
                if !passwordStdin { print(text("msg3.user.password", ("password", password))) }
            }
        }

        static func readPassword() throws -> String {
            let line = (readLine(strippingNewline: true) ?? "")
            guard line.count >= Passwords.minimumLength else {
                throw ValidationError(text("msg3.user.short_password", ("count", Passwords.minimumLength)))
            }
            return line
        }
    }
}

extension AccountRole: ExpressibleByArgument {}
