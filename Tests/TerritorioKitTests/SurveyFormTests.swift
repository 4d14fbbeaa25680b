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

@Suite("Survey forms")
struct SurveyFormTests {
    func demoForms() throws -> (Store, [SurveyForm]) {
        let store = try Fixture.demoStore()
        return (store, try SurveyIngest.forms(store))
    }

    @Test(
        "both XLSForms convert with pyxform, with every category and consortium municipality as a choice, in four languages",
        arguments: SurveyForm.Kind.allCases)
    func pyxform(_ kind: SurveyForm.Kind) throws {
        let (store, forms) = try demoForms()
        let form = try #require(forms.first { $0.kind == kind })
        let directory = try Fixture.temporaryDirectory()
        let xlsx = directory.appendingPathComponent("\(kind).xlsx").path
        let xml = directory.appendingPathComponent("\(kind).xml").path
        try form.xlsform(version: "1").write(to: URL(fileURLWithPath: xlsx))
        let result = try #require(
            try runTool("xls2xform", [xlsx, xml]), "pyxform is not installed: run scripts/bootstrap.sh")
        #expect(result.status == 0, "\(result.output)")
        let xform = try String(contentsOfFile: xml, encoding: .utf8)
        for language in ["Italiano (it)", "English (en)", "Français (fr)", "العربية (ar)"] {
            #expect(xform.contains("lang=\"\(language)\""), "\(language)")
        }
        #expect(xform.contains("meta") && xform.contains("instanceID"))
        let members = try store.read {
            try String.fetchAll($0, sql: "SELECT code FROM municipality WHERE in_consortium = 1")
        }
        #expect(members.count == 29)
        for code in members { #expect(xform.contains("<name>\(code)</name>"), "municipality \(code)") }
        if kind == .user {
            for c in try store.categories() { #expect(xform.contains("<name>\(c.code)</name>"), "category \(c.code)") }
            for b in SurveyForm.barriers { #expect(xform.contains("<name>\(b.value)</name>")) }
        } else {
            for c in try store.categories() {
                #expect(xform.contains("requests_\(c.code)") && xform.contains("unmet_\(c.code)"))
            }
        }
    }

    @Test("Arabic labels start with Arabic script, and the label columns are spelled alike in both sheets")
    func arabic() throws {
        let (_, forms) = try demoForms()
        for form in forms {
            for f in form.fields { #expect(Self.startsArabic(f.labels["ar"]), "\(f.name): \(f.labels["ar"] ?? "")") }
            for list in form.choices.values {
                for c in list { #expect(Self.startsArabic(c.labels["ar"]), "\(c.value)") }
            }
        }
    }

    static func startsArabic(_ s: String?) -> Bool {
        guard let first = s?.unicodeScalars.first else { return false }
        return (0x0600...0x06FF).contains(first.value)
    }

    @Test("the committed forms and templates are what the embedded default generates (make surveys)")
    func committedFormsUpToDate() throws {
        let (_, forms) = try demoForms()
        for form in forms {
            let committed = try Data(contentsOf: Fixture.root.appendingPathComponent("Surveys/forms/\(form.kind).xlsx"))
            #expect(
                try form.xlsform(version: "1") == committed,
                "Surveys/forms/\(form.kind).xlsx is stale: run make surveys")
            let template = try String(
                contentsOf: Fixture.root.appendingPathComponent("Surveys/templates/\(form.kind).csv"), encoding: .utf8)
            #expect(form.paperTemplate() == template, "Surveys/templates/\(form.kind).csv is stale: run make surveys")
        }
    }

    @Test("the paper template, typed in, ingests as it is")
    func templateIngests() throws {
        let (store, forms) = try demoForms()
        let user = try #require(forms.first { $0.kind == .user })
        let text = user.paperTemplate() + "P-1,Caritas,2026-10-01,Gavi,,,food health,high,,it,2,30_44\n"
        let (summary, _) = try SurveyIngest.ingest(path: try Fixture.file("typed.csv", text), into: store)
        #expect(summary.accepted == 1 && summary.rejected == 0 && summary.dialect == .paper)
    }
}
