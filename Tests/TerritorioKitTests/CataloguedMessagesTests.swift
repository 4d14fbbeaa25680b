import Foundation
import Testing

@testable import TerritorioCore
@testable import TerritorioIO
@testable import TerritorioStore
@testable import TerritorioStoreAPI

/// The messages that used to be English-only literals (rounds, quarantine, doctor, backup,
/// users…), now in the catalogue under `msg3.`: complete in four languages, and chosen by the
/// locale like every other message.
@Suite("Catalogued command messages")
struct CataloguedMessagesTests {
    /// The texts one command run should show in each language (written here, not read from the catalogue).
    struct Expected: Sendable, CustomStringConvertible {
        var locale: String
        var noRounds: String
        var added: String
        var submissions: String
        var emptyQuarantine: String
        var idsOrAll: String
        var verdicts: [String]
        var integrity: String

        var description: String { locale }
    }

    static let languages: [Expected] = [
        Expected(
            locale: "it_IT.UTF-8", noRounds: "ancora nessun turno di indagine: aggiungerne uno con",
            added: "Aggiunto il turno 2026-prova: dal 2026-01-01 al 2026-01-31.", submissions: "\t0 risposte",
            emptyQuarantine: "La quarantena è vuota.", idsOrAll: "indicare gli id delle righe da eliminare",
            verdicts: ["Esito: in buona salute.", "Esito: utilizzabile"], integrity: "integrità: "),
        Expected(
            locale: "en_GB.UTF-8", noRounds: "no survey rounds yet: add one with",
            added: "Added the round 2026-prova: 2026-01-01 to 2026-01-31.", submissions: "\t0 submissions",
            emptyQuarantine: "The quarantine is empty.", idsOrAll: "give the ids of the rows to delete",
            verdicts: ["Verdict: healthy.", "Verdict: usable"], integrity: "integrity: "),
        Expected(
            locale: "fr_FR.UTF-8", noRounds: "pas encore de vague d'enquête : ajoutez-en une avec",
            added: "Vague 2026-prova ajoutée : du 2026-01-01 au 2026-01-31.", submissions: "\t0 réponses",
            emptyQuarantine: "La quarantaine est vide.", idsOrAll: "donnez les id des lignes à supprimer",
            verdicts: ["Verdict : en bonne santé.", "Verdict : utilisable"], integrity: "intégrité: "),
        Expected(
            locale: "ar_MA.UTF-8", noRounds: "لا توجد جولات استبيان بعد",
            added: "أُضيفت الجولة 2026-prova: من 2026-01-01 إلى 2026-01-31.", submissions: "\t0 استمارة",
            emptyQuarantine: "الحجر فارغ.", idsOrAll: "حدّد معرّفات الصفوف المراد حذفها",
            verdicts: ["النتيجة: سليمة.", "النتيجة: قابلة للاستخدام"], integrity: "السلامة: ")
    ]

    @Test(
        "round list/add, quarantine list/clear and doctor speak the locale's language (LANG: it, en, fr, ar)",
        arguments: languages)
    func commandsSpeakTheLocale(expected: Expected) throws {
        let folder = try Fixture.temporaryDirectory()
        let env = ["LANG": expected.locale, "LC_ALL": "", "LC_MESSAGES": ""]
        #expect(try CLI.run(["init"], in: folder, environment: env).status == 0)
        let empty = try CLI.run(["round", "list"], in: folder, environment: env)
        #expect(empty.status == 0 && empty.stderr.contains(expected.noRounds), "\(empty.stderr)")
        let add = ["round", "add", "2026-prova", "--start", "2026-01-01", "--end", "2026-01-31"]
        let added = try CLI.run(add, in: folder, environment: env)
        #expect(added.status == 0 && added.stderr.contains(expected.added), "\(added.stderr)")
        let listed = try CLI.run(["round", "list"], in: folder, environment: env)
        #expect(listed.stdout == "2026-prova\t2026-01-01\t2026-01-31" + expected.submissions + "\n", "\(listed.stdout)")
        let quarantine = try CLI.run(["quarantine", "list"], in: folder, environment: env)
        #expect(quarantine.stderr.contains(expected.emptyQuarantine), "\(quarantine.stderr)")
        let clear = try CLI.run(["quarantine", "clear"], in: folder, environment: env)
        #expect(clear.status == 64 && clear.stderr.contains(expected.idsOrAll), "\(clear.stderr)")
        let doctor = try CLI.run(["doctor"], in: folder, environment: env)
        #expect(doctor.stdout.contains(expected.integrity), "\(doctor.stdout)")
        #expect(expected.verdicts.contains { doctor.stdout.contains($0) }, "\(doctor.stdout)")
    }

    @Test("demo's summary in French: its details indented, its notes between words spaced")
    func demoSummary() throws {
        let out = try Fixture.temporaryDirectory().appendingPathComponent("demo").path
        let env = ["LANG": "fr_FR.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""]
        let demo = try CLI.run(["demo", "--out", out, "--geodata", Fixture.geoData, "--no-png"], environment: env)
        #expect(demo.status == 0, "\(demo.stderr)")
        let lines = demo.stderr.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("Démo prête en ") }, "\(demo.stderr)")
        #expect(
            lines.contains { $0.hasPrefix("  \(out)/territorio.sqlite : ") && $0.contains("communes du consortium") })
        #expect(lines.contains { $0.hasPrefix("  ") && $0.contains("(le compte rendu de la réunion") })
        #expect(lines.last == "Limites et population : ISTAT (CC BY).")
    }

    @Test("every msg3 key has Italian, English, French and Arabic, with the English text's placeholders")
    func catalogueComplete() throws {
        let catalogue = try Catalogue.read(path: MessagesTests.catalogue)
        let keys = catalogue.texts.keys.filter { $0.hasPrefix("msg3.") }
        #expect(keys.count >= 100)
        for key in keys {
            let texts = try #require(catalogue.texts[key])
            let english = try #require(texts["en"], "\(key) has no English")
            for language in Catalogue.languages {
                let text = texts[language] ?? ""
                #expect(!text.trimmingCharacters(in: .whitespaces).isEmpty, "\(key) has no \(language)")
                // The catalogue's fields are read trimmed: spaces at either end would be lost.
                #expect(text == text.trimmingCharacters(in: .whitespaces), "\(key) [\(language)] has outer spaces")
                #expect(MessagesTests.placeholders(text) == MessagesTests.placeholders(english), "\(key) [\(language)]")
            }
        }
        // Keys the sources build from a status (msg3.health.\(verdict), msg3.doctor.mark_\(status)…).
        for status in ["ok", "warning", "problem"] {
            for prefix in ["msg3.health.", "msg3.doctor.mark_", "msg3.doctor.verdict_"] {
                #expect(keys.contains(prefix + status), "\(prefix)\(status)")
            }
        }
        for check in ["integrity", "foreign_keys", "orphan_rows", "boundaries", "schema", "disk_space"] {
            #expect(keys.contains("msg3.doctor.check." + check), "\(check)")
        }
    }

    @Test("library errors and the SpatiaLite doctor's checks follow the language of messages")
    func libraryTexts() throws {
        let italian = Messages.speaking("it") {
            [
                RoundError.exists("2026-a").description, RoundError.unknown("x", known: []).description,
                StoreError.wouldReplace(path: "t.sqlite").description, AccountError.emptyName.description,
                GapReport.noServicesWarning
            ]
        }
        #expect(
            italian == [
                "il turno 2026-a esiste già",
                "nessun turno x; i turni sono: ancora nessuno (aggiungerne uno con `territorio round add`)",
                "t.sqlite esiste già e un ripristino lo sostituirebbe: fermare ciò che lo usa, poi aggiungere --force",
                "il nome dell'account e l'organizzazione non devono essere vuoti",
                "il database non ha servizi: ogni comune risulta senza servizi raggiungibili (0 % di copertura) "
                    + "perché l'elenco è vuoto, non perché la zona non ne abbia; importarlo con "
                    + "`territorio import services FILE`"
            ])
        #expect(Messages.speaking("fr") { RoundError.exists("b").description } == "la vague b existe déjà")
        #expect(Messages.speaking("en") { RoundError.exists("b").description } == "the round b already exists")
        let folder = try Fixture.temporaryDirectory()
        let store = try Store.open(at: folder.appendingPathComponent("t.sqlite").path)
        let report = try Messages.speaking("ar") { try store.doctor() }
        let details = Dictionary(uniqueKeysWithValues: report.checks.map { ($0.name, $0.detail) })
        #expect(details["integrity"] == "فحص سلامة SQLite: سليم")
        #expect(details["foreign keys"] == "كل مرجع يشير إلى صف موجود")
        #expect(details["spatial index municipality.geom"] == "متّسق")
    }

    /// What `body` throws, in words, while messages are in `language` ("read" when it succeeds).
    static func failure(in language: String, _ body: () throws -> Void) -> String {
        Messages.speaking(language) { () -> String in
            do {
                try body()
                return "read"
            } catch { return "\(error)" }
        }
    }

    @Test("the population and service directory files' problems follow the language of messages")
    func fileProblems() throws {
        let population = try Fixture.file("population.csv", "istat_code,population_2011\n12x,100\n")
        let french = Self.failure(in: "fr") { _ = try PopulationFile.read(path: population) }
        #expect(french.contains("attendu un code ISTAT à 6 chiffres comme 006114, trouvé « 12x »"), "\(french)")
        let twice = try Fixture.file("twice.csv", "id,name,categories,name\n")
        let italian = Self.failure(in: "it") { _ = try ServiceFile.read(path: twice) }
        #expect(italian.contains("la colonna 'name' compare due volte nell'intestazione"), "\(italian)")
        let sessions = try Fixture.file(
            "sessions.csv",
            "id,date,start_time,end_time,topic_it,organization,categories\ns1,2026-12-01,9h,10:00,Incontro,Caritas,food\n"
        )
        let check = SessionCheck(categories: ["food"], services: [])
        let arabic = Self.failure(in: "ar") { _ = try check.read(path: sessions) }
        #expect(arabic.contains("المتوقع وقت (HH:MM)"), "\(arabic)")
        #expect(
            Messages.speaking("it") { RecurrenceError.countAndUntil.description }
                == "indicare COUNT o UNTIL, non entrambi")
        var said: [String] = []
        Messages.speaking("fr") { _ = BoundaryFile.shape(of: .missing) { said.append($0) } }
        #expect(said == ["l'entité n'a pas de géométrie ; attendu un Polygon ou MultiPolygon"])
    }
}
