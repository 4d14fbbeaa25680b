import Foundation
import Testing

@testable import TerritorioCore
@testable import TerritorioGeometry
@testable import TerritorioIO
@testable import TerritorioKit
@testable import TerritorioRender
@testable import TerritorioStore
@testable import TerritorioStoreAPI

@Suite("The territorio command")
struct CommandLineTests {
    @Test("demo on a fresh folder writes the database and GeoJSON, with the official boundaries")
    func demo() throws {
        let directory = try Fixture.temporaryDirectory()
        let out = directory.appendingPathComponent("out").path
        let result = try CLI.run(["demo", "--out", out, "--geodata", Fixture.geoData])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("APPROXIMATE"))
        #expect(result.stderr.contains("ISTAT (CC BY)"))
        #expect(FileManager.default.fileExists(atPath: out + "/territorio.sqlite"))
        #expect(FileManager.default.fileExists(atPath: out + "/municipalities.geojson"))
        #expect(!FileManager.default.fileExists(atPath: out + "/territorio.sqlite.building"))

        let info = try CLI.run(["info", "--json", "--db", out + "/territorio.sqlite"])
        #expect(info.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(info.stdout.utf8)) as? [String: Any])
        #expect(json["municipalities"] as? Int == 29)
        #expect(json["approximateBoundaries"] as? Int == 0)

        let again = try CLI.run(["demo", "--out", out, "--geodata", Fixture.geoData])
        #expect(again.status == 0, "running the demo twice replaces its database")
    }

    @Test("init creates the database given by TERRITORIO_DB, and a second init is harmless")
    func initTwice() throws {
        let directory = try Fixture.temporaryDirectory()
        let env = ["TERRITORIO_DB": directory.appendingPathComponent("x.sqlite").path]
        let first = try CLI.run(["init"], environment: env)
        #expect(first.status == 0 && first.stderr.contains("ready"))
        let second = try CLI.run(["init"], environment: env)
        #expect(second.status == 0 && second.stderr.contains("up to date"))
    }

    @Test(
        "a missing input file exits 66 naming the file; invalid content exits 65 naming the feature; nothing is written"
    )
    func exitCodes() throws {
        let directory = try Fixture.temporaryDirectory()
        let db = directory.appendingPathComponent("t.sqlite").path
        let missing = try CLI.run([
            "import", "boundaries", "--db", db, directory.appendingPathComponent("none.geojson").path
        ])
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("none.geojson: file not found"))
        #expect(missing.stderr.contains("Nothing was written"))

        let bad = try Fixture.file(
            "bad.geojson", BoundaryImportTests.collection(BoundaryImportTests.feature(code: "\"123\"")))
        let invalid = try CLI.run(["import", "boundaries", "--db", db, bad])
        #expect(invalid.status == 65)
        #expect(
            invalid.stderr.contains("bad.geojson: feature 0, property 'com_istat_code': expected a 6-digit ISTAT code"))
        #expect(!FileManager.default.fileExists(atPath: db), "nothing was written, not even an empty database")

        let usage = try CLI.run(["import", "population", "--db", db, "x.csv", "--year", "12"])
        #expect(usage.status == 64)
    }

    @Test("import, population and consortium from the command line, then info")
    func pipeline() throws {
        let directory = try Fixture.temporaryDirectory()
        let db = directory.appendingPathComponent("t.sqlite").path
        let boundaries = try Fixture.file(
            "m.geojson",
            BoundaryImportTests.collection(
                BoundaryImportTests.feature(),
                BoundaryImportTests.feature(code: "\"006160\"", name: "\"Serravalle Scrivia\"")))
        let population = try Fixture.file(
            "p.csv",
            "istat_code,name,population_2011\n006114,Novi Ligure,27682\n006160,Serravalle Scrivia,6322\n006080,Gavazzana,170\n"
        )
        let members = try Fixture.file("c.csv", "istat_code\n006114\n")

        #expect(try CLI.run(["import", "boundaries", "--db", db, boundaries]).stderr.contains("2 added"))
        let pop = try CLI.run(["import", "population", "--db", db, population])
        #expect(pop.status == 0)
        #expect(pop.stderr.contains("006080 Gavazzana"), "\(pop.stderr)")
        #expect(try CLI.run(["consortium", "set", "--db", db, members]).status == 0)
        let info = try CLI.run(["info", "--db", db])
        #expect(info.stdout.contains("Municipalities: 2"))
        #expect(info.stdout.contains("Consortium: 1 members, 27,682 residents"))
    }

    @Test("services: a bad row stops the import (65) unless --partial, which imports the rest and exits 3")
    func servicesPartial() throws {
        let directory = try Fixture.temporaryDirectory()
        let out = directory.appendingPathComponent("out").path
        #expect(try CLI.run(["demo", "--out", out, "--geodata", Fixture.geoData]).status == 0)
        let db = out + "/territorio.sqlite"
        let file = try Fixture.file(
            "s.csv", ServiceDirectoryTests.csv([["id": "good-1"], ["id": "bad-1", "categories": "fod"]]))

        let refused = try CLI.run(["import", "services", "--db", db, file])
        #expect(refused.status == 65)
        #expect(
            refused.stderr.contains("s.csv: row 3, column 'categories': unknown category 'fod'; did you mean 'food'?"),
            "\(refused.stderr)")
        let csv = directory.appendingPathComponent("export.csv").path
        #expect(try CLI.run(["export", "services", "--db", db, "--format", "csv", "--out", csv]).status == 0)
        #expect(try !String(contentsOfFile: csv, encoding: .utf8).contains("good-1"), "nothing was written")

        let partial = try CLI.run(["import", "services", "--db", db, "--partial", file])
        #expect(partial.status == 3)
        #expect(partial.stderr.contains("1 added, 0 updated") && partial.stderr.contains("1 rejected"))
        #expect(try CLI.run(["export", "services", "--db", db, "--format", "csv", "--out", csv]).status == 0)
        #expect(try String(contentsOfFile: csv, encoding: .utf8).contains("good-1"))

        let again = try CLI.run(["import", "services", "--db", db, csv])
        #expect(again.status == 0 && again.stderr.contains("0 added, 0 updated"), "\(again.stderr)")
        let hsds = try CLI.run([
            "export", "services", "--db", db, "--format", "hsds", "--out", directory.appendingPathComponent("hsds").path
        ])
        #expect(hsds.status == 0)
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("hsds/datapackage.json").path))
    }

    @Test("ingest: exit 3 with rejections; the --rejected file, corrected, ingests cleanly; unreadable files exit 66")
    func ingestRejectedRoundTrip() throws {
        let directory = try Fixture.temporaryDirectory()
        let out = directory.appendingPathComponent("out").path
        #expect(try CLI.run(["demo", "--out", out, "--geodata", Fixture.geoData]).status == 0)
        let db = out + "/territorio.sqlite"
        let file = try Fixture.file(
            "export.csv",
            "municipality;needs;urgency;meta/instanceID;nome\n006114;food;high;uuid:r-1;Mario\n006114;fod;high;uuid:r-2;Luisa\n"
        )
        let rejectedPath = directory.appendingPathComponent("fix-me.csv").path

        let first = try CLI.run(["ingest", "--db", db, "--rejected", rejectedPath, "--json", file])
        #expect(first.status == 3, "\(first.stderr)")
        #expect(first.stderr.contains("rejected: row 3: needs: \"fod\" is not one of the choices"))
        #expect(first.stderr.contains("dropped columns that could identify a person (not stored): nome"))
        let summaries = try #require(
            try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [[String: Any]])
        #expect(summaries.first?["accepted"] as? Int == 1 && summaries.first?["rejected"] as? Int == 1)

        var fixed = try String(contentsOfFile: rejectedPath, encoding: .utf8)
        #expect(fixed.contains("_territorio_reasons") && !fixed.contains("Luisa"))
        fixed = fixed.replacingOccurrences(of: ";fod;", with: ";food;")
        try fixed.write(toFile: rejectedPath, atomically: true, encoding: .utf8)
        let second = try CLI.run(["ingest", "--db", db, rejectedPath])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stderr.contains("1 new, 0 already there, 0 conflicts, 0 rejected"))

        let again = try CLI.run(["ingest", "--db", db, file, "--dry-run"])
        #expect(again.stderr.contains("(dry run, nothing written)") && again.stderr.contains("0 new, 1 already there"))

        let missing = try CLI.run(["ingest", "--db", db, directory.appendingPathComponent("nope.csv").path])
        #expect(missing.status == 66 && missing.stderr.contains("nope.csv: file not found"))
    }
}
