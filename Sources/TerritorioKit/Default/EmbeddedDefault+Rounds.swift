import Foundation
import TerritorioCore
import TerritorioIO
import TerritorioStore

extension EmbeddedDefault {
    /// The demo's survey rounds (`GeoData/rounds.csv`: name, start, end, note), an illustrative
    /// update of the directory between them (`services-update-2026-autunno.csv`) and the self-help
    /// group's illustrative sessions (`sessions.csv`). Files that are missing are skipped.
    public static func loadBetweenMeetings(into store: Store, geoData: String) throws {
        let rounds = geoData + "/rounds.csv"
        if FileManager.default.fileExists(atPath: rounds) {
            for round in try readRounds(path: rounds) { try store.addRound(round) }
        }
        let update = geoData + "/services-update-2026-autunno.csv"
        if FileManager.default.fileExists(atPath: update) {
            let file = try ServiceFile.read(path: update)
            let outcome = try ServiceCheck(context: try store.directoryContext()).check(file)
            guard outcome.problems.isEmpty else { throw InputError(file: update, problems: outcome.problems) }
            try store.importServices(outcome.services, source: "GeoData/services-update-2026-autunno.csv")
        }
        let sessions = geoData + "/sessions.csv"
        if FileManager.default.fileExists(atPath: sessions) {
            let check = SessionCheck(
                categories: Set(try store.categories().map(\.code)),
                services: Set(try store.services().map(\.id)))
            try store.importSessions(try check.read(path: sessions), source: "GeoData/sessions.csv")
        }
    }

    /// Reads a rounds CSV (`name,start,end[,note]`); every problem names its row.
    public static func readRounds(path: String) throws -> [SurveyRound] {
        let table = try CSVStream.table(path: path)
        let name = try table.requireColumn("name", option: "the header")
        let start = try table.requireColumn("start", option: "the header")
        let end = try table.requireColumn("end", option: "the header")
        let note = table.column("note")
        var problems: [InputProblem] = []
        var rounds: [SurveyRound] = []
        for (i, r) in table.records.enumerated() {
            switch SurveyRound.parse(
                name: CSVStream.Table.field(r, name), start: CSVStream.Table.field(r, start),
                end: CSVStream.Table.field(r, end),
                note: note.map {
                    CSVStream.Table.field(
                        r,
                        $0)
                })
            {
            case .success(let round): rounds.append(round)
            case .failure(let e): problems.append(InputProblem(.row(table.row(ofRecord: i)), e.description))
            }
        }
        guard problems.isEmpty else { throw InputError(file: path, problems: problems) }
        return rounds
    }
}
