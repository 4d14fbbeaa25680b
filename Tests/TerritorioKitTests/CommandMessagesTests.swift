import Foundation
import Testing

@testable import TerritorioCore
@testable import TerritorioGeometry
@testable import TerritorioIO
@testable import TerritorioKit
@testable import TerritorioRender
@testable import TerritorioStore
@testable import TerritorioStoreAPI

/// Messages of the command-line tool: the user's language, databases that must exist, output
/// folders, option names and help.
@Suite("Command messages")
struct CommandMessagesTests {
    /// A demo database in a fresh folder.
    static func demo() throws -> (folder: URL, db: String) {
        let folder = try Fixture.temporaryDirectory()
        let out = folder.appendingPathComponent("out").path
        let result = try CLI.run(["demo", "--out", out, "--geodata", Fixture.geoData, "--no-png"])
        try #require(result.status == 0, "\(result.stderr)")
        return (folder, out + "/territorio.sqlite")
    }

    /// Every command that reads the database, with the arguments it needs besides it.
    static let readers: [[String]] = [
        ["info"], ["export", "municipalities", "--out", "m.geojson"], ["report", "gaps", "--out", "g.geojson"],
        ["report", "summary"], ["map", "gaps", "--category", "food", "--out", "g.svg"],
        ["map", "services", "--out", "s.svg"],
        ["poster", "--out", "poster"], ["survey", "form", "--form", "user", "--out", "f.xlsx"],
        ["survey", "template", "--form", "user", "--out", "t.csv"], ["ingest", "answers.csv"],
        ["consortium", "set", "members.csv"], ["import", "population", "population.csv"],
        ["import", "services", "services.csv"]
    ]

    @Test(
        "a command that reads the database refuses, in a folder without one, to create an empty one (66, how to set one up)",
        arguments: readers)
    func noEmptyDatabase(arguments: [String]) throws {
        let folder = try Fixture.temporaryDirectory()
        try Data("istat_code\n006114\n".utf8).write(to: folder.appendingPathComponent("members.csv"))
        let result = try CLI.run(arguments, in: folder)
        #expect(result.status == 66, "\(result.stderr)")
        #expect(
            result.stderr.contains("territorio.sqlite: no database here. Set one up with `territorio demo"),
            "\(result.stderr)")
        #expect(result.stderr.contains("territorio init"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("territorio.sqlite").path))
        let written = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(written == ["members.csv"], "nothing written: \(written)")
    }

    @Test(
        "survey form and template refuse a database without consortium members (pyxform would reject the form)",
        arguments: [
            ["survey", "form", "--form", "user", "--out", "f.xlsx"],
            ["survey", "template", "--form", "operator", "--out", "t.csv"]
        ])
    func formNeedsMembers(arguments: [String]) throws {
        let folder = try Fixture.temporaryDirectory()
        #expect(try CLI.run(["init"], in: folder).status == 0)
        let result = try CLI.run(arguments, in: folder)
        #expect(result.status == 65, "\(result.stderr)")
        #expect(result.stderr.contains("the consortium has no members"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent(arguments.last!).path))
    }

    @Test("Italian when the locale is Italian, English when LANG is unset")
    func italian() throws {
        let folder = try Fixture.temporaryDirectory()
        let italian = try CLI.run(
            ["info"], in: folder, environment: ["LANG": "it_IT.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""])
        #expect(italian.status == 66)
        #expect(italian.stderr.contains("errore: territorio.sqlite: qui non c'è nessun database"), "\(italian.stderr)")
        #expect(italian.stderr.contains("Non è stato scritto nulla."))
        let english = try CLI.run(["info"], in: folder, environment: ["LANG": "", "LC_ALL": "", "LC_MESSAGES": ""])
        #expect(english.stderr.contains("error: territorio.sqlite: no database here"), "\(english.stderr)")
        let help = try CLI.run(["--help"], environment: ["LANG": "it_IT.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""])
        #expect(help.stdout.contains("Codici di uscita: 0 riuscito"), "\(help.stdout)")
    }

    @Test(
        "categories by their Italian label: map gaps --category cibo and report --category Cibo work; an unknown one lists code and label in the user's language"
    )
    func italianCategories() throws {
        let (folder, db) = try Self.demo()
        let svg = folder.appendingPathComponent("cibo.svg").path
        let map = try CLI.run(["map", "gaps", "--db", db, "--category", "cibo", "--out", svg])
        #expect(map.status == 0, "\(map.stderr)")
        #expect(FileManager.default.fileExists(atPath: svg))
        let summary = try CLI.run([
            "report", "summary", "--db", db, "--category", "Cibo", "--format", "csv", "--lang", "it"
        ])
        #expect(summary.status == 0, "\(summary.stderr)")
        #expect(summary.stdout.contains("food,Aiuti alimentari e pasti,"), "\(summary.stdout)")

        let env = ["LANG": "it_IT.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""]
        let unknown = try CLI.run(
            ["map", "gaps", "--db", db, "--category", "cibi caldi", "--out", svg], environment: env)
        #expect(unknown.status == 64, "\(unknown.stderr)")
        #expect(unknown.stderr.contains("categoria sconosciuta \"cibi caldi\""), "\(unknown.stderr)")
        #expect(
            unknown.stderr.contains("food (Aiuti alimentari e pasti), clothing (Vestiti e beni di prima necessità)"))
        let info = try CLI.run(["info", "--db", db], environment: env)
        #expect(info.stdout.contains("Consorzio: ") && info.stdout.contains(" residenti"), "\(info.stdout)")
        #expect(info.stdout.contains("Questionari: ") && info.stdout.contains("\n  estensione: "), "\(info.stdout)")
        let report = try CLI.run(["report", "gaps", "--db", db, "--category", "cibi caldi"])
        #expect(report.status == 64 && report.stderr.contains("food (Food aid and meals)"), "\(report.stderr)")
    }

    @Test("survey answers in Italian words are accepted: needs 'cibo; casa', urgency 'urgente'")
    func italianAnswers() throws {
        let (_, db) = try Self.demo()
        let file = try Fixture.file(
            "answers.csv",
            "questionnaire_id,municipality,needs,urgency\nq-1,Novi Ligure,cibo; casa,urgente\nq-2,Novi Ligure,cibo; bogus,alta\n"
        )
        let result = try CLI.run(
            ["ingest", "--db", db, "--json", "--source", "CSP", file],
            environment: ["LANG": "it_IT.UTF-8", "LC_ALL": ""])
        #expect(result.status == 3, "\(result.stderr)")
        let summaries = try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(summaries.first?["accepted"] as? Int == 1)
        #expect(
            result.stderr.contains(
                "scartata: riga 3: needs: \"bogus\" non è tra le scelte (food (Aiuti alimentari e pasti),"),
            "\(result.stderr)")
    }

    @Test("an output folder that does not exist is named, without NSCocoaErrorDomain")
    func missingOutputFolder() throws {
        let (_, db) = try Self.demo()
        let result = try CLI.run(["map", "gaps", "--db", db, "--category", "food", "--out", "/nonexistent/x.svg"])
        #expect(result.status == 1)
        #expect(
            result.stderr.contains("cannot write /nonexistent/x.svg: the folder /nonexistent does not exist"),
            "\(result.stderr)")
        #expect(!result.stderr.contains("NSCocoaErrorDomain"))
    }

    @Test("survey form takes --form-version (the global --version is the tool's); export's help names its four kinds")
    func optionsAndHelp() throws {
        let (folder, db) = try Self.demo()
        let xlsx = folder.appendingPathComponent("user.xlsx").path
        let form = try CLI.run(["survey", "form", "--db", db, "--form", "user", "--out", xlsx, "--form-version", "7"])
        #expect(form.status == 0, "\(form.stderr)")
        #expect(FileManager.default.fileExists(atPath: xlsx))
        let help = try CLI.run(["help", "export"])
        #expect(help.stdout.contains("municipalities, services, needs or submissions"), "\(help.stdout)")
        #expect(try CLI.run(["--version"]).stdout.contains("0.1.0"))
    }

    @Test("a file of the wrong kind given to ingest exits 65 (66 is for missing or unreadable files)")
    func wrongKind() throws {
        let (_, db) = try Self.demo()
        let xlsx = Fixture.root.appendingPathComponent("Surveys/forms/user.xlsx").path
        let result = try CLI.run(["ingest", "--db", db, xlsx])
        #expect(result.status == 65, "\(result.stderr)")
        #expect(result.stderr.contains("this is a zip file (.xlsx, .ods or .zip), not CSV text"), "\(result.stderr)")
    }
}
