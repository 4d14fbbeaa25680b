import ArgumentParser
import Foundation
import TerritorioKit
import TerritorioServer

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the working group's web app and the OGC API – Features on the database.",
        discussion: """
            Listens on 127.0.0.1 unless --host says otherwise: put it behind a reverse proxy with TLS \
            (and add --secure-cookies) to serve the organisations. Create the first account with \
            `territorio user add`. The OGC API is at /ogc (add it in QGIS as an OGC API – Features layer).
            """)

    @OptionGroup var global: GlobalOptions
    @Option(help: "The address to listen on.") var host = "127.0.0.1"
    @Option(help: "The port to listen on.") var port = 8080
    @Flag(help: "Mark cookies Secure (when a TLS reverse proxy serves the app).") var secureCookies = false
    @Flag(help: "A reverse proxy sets X-Forwarded-For: the self-report limit counts per forwarded address.")
    var behindProxy = false
    @Option(
        help: "The address people use, e.g. https://territorio.example.org (the OGC API's links, the poster's QR code)."
    )
    var publicURL: String?
    @Option(help: "The largest survey export the upload page accepts, in MiB.") var uploadLimitMb = 20
    @Option(help: "List services not verified for this many months for review.") var staleAfterMonths = 6

    func validate() throws {
        guard staleAfterMonths > 0 else { throw ValidationError(text("msg3.serve.stale")) }
    }

    func run() async throws {
        do {
            let (store, location) = try await global.existingWebStore()
            var settings = ServerSettings(
                host: host, port: port, secureCookies: secureCookies,
                publicURL: publicURL,
                analysis: try global.analysisConfig(explicit: nil),
                uploadLimit: max(1, uploadLimitMb) * 1024 * 1024,
                privacy: try global.locationPrivacy(explicit: nil), staleAfterMonths: staleAfterMonths)
            settings.trustForwardedFor = behindProxy
            let app = try WebApp(store: store, settings: settings)
            say(text("msg3.serve.serving", ("db", location), ("host", host), ("port", String(port))))
            try await app.application().runService()
        } catch let error as InputError {
            sayFailure(error)
            throw error.kind == .unreadable ? Exit.unreadableInput : Exit.invalidInput
        } catch {
            say(text("error", ("message", describe(error))))
            throw ExitCode.failure
        }
    }
}
