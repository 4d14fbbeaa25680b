import Foundation
import GRDB
import Testing

@testable import TerritorioCore
@testable import TerritorioGeometry
@testable import TerritorioIO
@testable import TerritorioKit
@testable import TerritorioRender
@testable import TerritorioStore
@testable import TerritorioStoreAPI

/// What ingestion keeps of a respondent: no identity-like or unknown column, not even for a
/// rejected row, and no exact point.
@Suite("Survey ingestion: privacy")
struct SurveyPrivacyTests {
    /// The database file's bytes, WAL included.
    static func bytes(_ database: String) throws -> Data {
        var bytes = try Data(contentsOf: URL(fileURLWithPath: database))
        if let wal = try? Data(contentsOf: URL(fileURLWithPath: database + "-wal")) { bytes += wal }
        return bytes
    }

    static func openDemo() throws -> (store: Store, path: String) {
        let path = try Fixture.temporaryDirectory().appendingPathComponent("t.sqlite").path
        let store = try Store.open(at: path)
        try EmbeddedDefault.load(into: store, geoData: Fixture.geoData)
        return (store, path)
    }

    @Test(
        """
        columns the identity filter used to miss, and unknown columns, reach neither the quarantine nor the \
        rejected file
        """)
    func rejectedRowsKeepOnlyTheFormsColumns() throws {
        let (store, database) = try Self.openDemo()
        let secrets = [
            "+39 347 0001112", "Zeta Zorzetti", "Via Nascosta 7 Gavi", "AX1234567",
            "vive in auto con due figli",
            "+39 348 7778889", "segreto-misterioso"
        ]
        let header =
            "whatsapp;contatto;recapito;ID_card;situazione/note_operatore;cellulare_madre;colonna_misteriosa;"
            + "municipality;situazione/needs;urgency;meta/instanceID;_uuid"
        let planted = secrets.joined(separator: ";")
        let text =
            header + "\n" + planted + ";006114;food;high;uuid:p-1;p-1\n"
            + planted + ";006114;fod;high;uuid:p-2;p-2\n"
            + planted + ";EXTRA;006114;fod;high;uuid:p-3;p-3\n"  // ragged: every value shifted by one
        let (summary, rejected) = try SurveyIngest.ingest(path: try Fixture.file("ids.csv", text), into: store)
        #expect(summary.accepted == 1 && summary.rejected == 2)
        #expect(
            Set(summary.droppedColumns) == [
                "whatsapp", "contatto", "recapito", "ID_card",
                "situazione/note_operatore",
                "cellulare_madre"
            ])
        #expect(rejected.header == ["municipality", "situazione/needs", "urgency", "meta/instanceID", "_uuid"])
        let rejectedFile = try Fixture.temporaryDirectory().appendingPathComponent("fix.csv").path
        _ = try rejected.write(to: rejectedFile)
        let fileBytes = try Data(contentsOf: URL(fileURLWithPath: rejectedFile))
        try store.close()
        let databaseBytes = try Self.bytes(database)
        for secret in secrets {
            #expect(databaseBytes.range(of: Data(secret.utf8)) == nil, "\(secret) reached the database")
            #expect(fileBytes.range(of: Data(secret.utf8)) == nil, "\(secret) reached the rejected file")
        }
        #expect(
            String(decoding: fileBytes, as: UTF8.self).contains("006114;fod;high;uuid:p-2;p-2"),
            "the form's values stay")
    }

    @Test("the migration removes identity-like columns from rows quarantined by earlier versions")
    func migrationPrunesOldQuarantine() throws {
        let (store, database) = try Self.openDemo()
        let path = try Fixture.file("a.csv", "municipality,needs,urgency,meta/instanceID\n006114,fod,high,uuid:m-1\n")
        #expect(try SurveyIngest.ingest(path: path, into: store).0.rejected == 1)
        // The quarantine as an earlier version kept it: no keys, and a column it did not recognise.
        try store.write { db in
            try db.execute(
                sql: """
                    DROP INDEX quarantine_token; DROP INDEX quarantine_uuid;
                    ALTER TABLE quarantine DROP COLUMN token; ALTER TABLE quarantine DROP COLUMN uuid;
                    ALTER TABLE quarantine DROP COLUMN form;
                    UPDATE quarantine
                    SET raw = json_set(raw, '$.whatsapp', '+39 333 9998887', '$.grp/recapito', 'Zorzetti');
                    DELETE FROM grdb_migrations WHERE identifier = 'v4-b-quarantine-keys';
                    """)
        }
        try store.close()
        let reopened = try Store.open(at: database)
        #expect(reopened.migrationsApplied == ["v4-b-quarantine-keys"])
        let rows = try reopened.quarantinedRows()
        #expect(rows.count == 1 && rows[0].uuid == "m-1" && rows[0].form == "user")
        #expect(
            rows[0].values == [
                "municipality": "006114", "needs": "fod", "urgency": "high",
                "meta/instanceID": "uuid:m-1"
            ])
        let fixed = try Fixture.file("b.csv", "municipality,needs,urgency,meta/instanceID\n006114,food,high,uuid:m-1\n")
        #expect(try SurveyIngest.ingest(path: fixed, into: reopened).0.releasedFromQuarantine == 1)
        try reopened.close()
        let bytes = try Self.bytes(database)
        #expect(bytes.range(of: Data("+39 333 9998887".utf8)) == nil && bytes.range(of: Data("Zorzetti".utf8)) == nil)
    }

    @Test(
        "the identity filter knows Italian and English names of personal columns, also inside groups",
        arguments: [
            "nome", "Cognome", "telefono", "cellulare", "e-mail", "indirizzo", "codice_fiscale", "documento",
            "whatsapp", "contatto", "recapito", "ID_card", "passport", "name", "phone", "address",
            "anagrafica/nome_completo", "contatti-telefono", "situazione/note_operatore", "numeroTelefono",
            "Carta d'identità", "data_di_nascita", "first name"
        ])
    func identityNames(_ header: String) {
        #expect(IdentityColumns.isIdentifying(header))
    }

    @Test(
        "columns that are not personal are not taken for identity",
        arguments: ["needs", "age_group", "barriers", "start"])
    func notIdentity(_ header: String) {
        #expect(!IdentityColumns.isIdentifying(header))
    }

    /// A point inside Novi Ligure 100 m east and north of a corner of its 1 km UTM 32N cell.
    static func plantedPoint(east: Double = 100, north: Double = 100) -> Coordinate {
        let utm = TransverseMercator.utm32N.project(Coordinate(lon: 8.7967, lat: 44.7622))
        let corner = Coordinate(x: (utm.x / 1000).rounded(.down) * 1000, y: (utm.y / 1000).rounded(.down) * 1000)
        return TransverseMercator.utm32N.unproject(Coordinate(x: corner.x + east, y: corner.y + north))
    }

    /// Every point the database holds for submissions, current and archived.
    static func storedPoints(_ store: Store) throws -> [Coordinate] {
        try store.read { db in
            let current = try Row.fetchAll(db, sql: "SELECT X(geom), Y(geom) FROM submission WHERE geom IS NOT NULL")
                .map { Coordinate(lon: $0[0], lat: $0[1]) }
            let contents = try String.fetchAll(db, sql: "SELECT content FROM submission_archive")
            let archived = try contents.compactMap { json -> Coordinate? in
                let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
                if let lon = object?["lon"] as? Double, let lat = object?["lat"] as? Double {
                    return Coordinate(lon: lon, lat: lat)
                }
                if let l = object?["location"] as? [String: Double], let x = l["x"], let y = l["y"] {
                    return Coordinate(x: x, y: y)
                }
                return nil
            }
            return current + archived
        }
    }

    /// Checks that `point` is the centre of the 1 km cell holding `planted`, hence at least 400 m from it.
    static func expectCellCentre(_ point: Coordinate, of planted: Coordinate) {
        let grid = TransverseMercator.utm32N
        let p = grid.project(point)
        let q = grid.project(planted)
        let distance = ((p.x - q.x) * (p.x - q.x) + (p.y - q.y) * (p.y - q.y)).squareRoot()
        #expect(distance >= 400, "a stored point is \(distance) m from the exact one")
        #expect(abs(p.x.truncatingRemainder(dividingBy: 1000) - 500) < 0.01)
        #expect(abs(p.y.truncatingRemainder(dividingBy: 1000) - 500) < 0.01)
        #expect(abs(p.x - q.x) <= 500 && abs(p.y - q.y) <= 500, "the centre of the point's own cell")
    }

    static func export(_ point: Coordinate, urgency: String = "high", time: String = "2026-09-01T10:00:00") -> String {
        "location,needs,urgency,meta/instanceID,_uuid,_submission_time\n"
            + "\"\(point.lat) \(point.lon) 0 5\",food,\(urgency),uuid:g-1,g-1,\(time)\n"
    }

    @Test("no stored point is closer to a respondent's exact point than the 1 km cell rule allows")
    func pointsAreCoarsened() throws {
        let (store, _) = try Self.openDemo()
        let planted = Self.plantedPoint()
        let (summary, _) = try SurveyIngest.ingest(path: try Fixture.file("a.csv", Self.export(planted)), into: store)
        #expect(summary.accepted == 1 && summary.points?.contains("1000 m grid cell") == true)
        #expect(
            try store.read { try String.fetchOne($0, sql: "SELECT municipality_code FROM submission") } == "006114",
            "the exact point still gives the municipality")
        let newer = Self.export(planted, urgency: "low", time: "2026-09-02T10:00:00")
        #expect(try SurveyIngest.ingest(path: try Fixture.file("b.csv", newer), into: store).0.conflicts == 1)
        let points = try Self.storedPoints(store)
        #expect(points.count == 2, "the stored version and the archived one")
        for p in points { Self.expectCellCentre(p, of: planted) }
        let again = try SurveyIngest.ingest(path: try Fixture.file("c.csv", newer), into: store).0
        #expect(again.duplicates == 1 && again.conflicts == 0, "re-ingesting an export still adds nothing")
    }

    @Test("[privacy] points = none keeps no point at all; a cell below 1 km is refused")
    func noPoints() throws {
        let (store, _) = try Self.openDemo()
        let config = try Fixture.file("t.toml", "[privacy]\npoints = \"none\"\n")
        let options = SurveyIngest.Options(privacy: try LocationPrivacy.load(path: config))
        let export = try Fixture.file("a.csv", Self.export(Self.plantedPoint()))
        let (summary, _) = try SurveyIngest.ingest(path: export, into: store, options: options)
        #expect(summary.accepted == 1)
        #expect(try store.read { try Int.fetchOne($0, sql: "SELECT count(geom) FROM submission") } == 0)
        #expect(throws: AnalysisConfig.ConfigError.self) {
            try LocationPrivacy.load(path: try Fixture.file("t.toml", "[privacy]\ncell_size_m = 200\n"))
        }
    }

    @Test("the migration coarsens points stored exactly by earlier versions; re-ingesting the export adds nothing")
    func migrationCoarsensStoredPoints() throws {
        let (store, database) = try Self.openDemo()
        let planted = Self.plantedPoint(east: 880, north: 130)
        let path = try Fixture.file("a.csv", Self.export(planted))
        _ = try SurveyIngest.ingest(path: path, into: store)
        // As an earlier version stored it: the exact point, and the hash of the exact answers.
        var exact = Submission(uuid: "g-1", form: .user, municipality: "006114")
        exact.location = planted
        exact.needs = ["food"]
        exact.urgency = "high"
        try store.write { db in
            try db.execute(
                sql: "UPDATE submission SET geom = MakePoint(?, ?, 4326), content_hash = ?",
                arguments: [planted.lon, planted.lat, exact.contentHash])
            try db.execute(
                sql: "INSERT INTO submission_archive (uuid, reason, content) VALUES ('g-0', 'test', ?)",
                arguments: ["{\"lon\":\(planted.lon),\"lat\":\(planted.lat)}"])
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v4-b-coarse-points'")
        }
        try store.close()
        let reopened = try Store.open(at: database)
        #expect(reopened.migrationsApplied == ["v4-b-coarse-points"])
        let points = try Self.storedPoints(reopened)
        #expect(points.count == 2)
        for p in points { Self.expectCellCentre(p, of: planted) }
        let again = try SurveyIngest.ingest(path: path, into: reopened).0
        #expect(again.duplicates == 1 && again.conflicts == 0)
    }
}
