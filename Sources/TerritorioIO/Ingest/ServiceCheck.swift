import Foundation
import TerritorioCore

/// Checks service records and turns them into ``Service`` values.
///
/// Location rules: a service without coordinates is placed at its municipality's
/// representative point (`location_approximate`); a point in another municipality than the
/// declared one is a warning naming both; a point outside the consortium is an error unless
/// `allowOutside`; coordinates that fall in the consortium once swapped are reported as swapped.
public struct ServiceCheck {
    public var context: DirectoryContext
    public var allowOutside: Bool

    public init(context: DirectoryContext, allowOutside: Bool = false) {
        self.context = context
        self.allowOutside = allowOutside
    }

    public struct Outcome: Sendable {
        public var services: [Service] = []
        public var problems: [InputProblem] = []
        public var warnings: [InputProblem] = []
        /// How many records had at least one problem.
        public var rejected = 0
    }

    /// The warning for a file without a `verified` column.
    public static var noVerifiedColumn: String { Messages.text("msg3.svc.no_verified_column") }

    public func check(_ file: ServiceFile) throws -> Outcome {
        var outcome = Outcome()
        if !file.records.isEmpty && !file.columns.contains("verified") {
            outcome.warnings.append(InputProblem(.file, Self.noVerifiedColumn))
        }
        var firstOfID: [String: InputLocation] = [:]
        for record in file.records {
            var problems: [InputProblem] = record.problems
            var warnings: [InputProblem] = []
            let service = record.problems.isEmpty ? try check(record, problems: &problems, warnings: &warnings) : nil
            let id = record("id")
            if !id.isEmpty {
                if let first = firstOfID[id] {
                    problems.append(
                        InputProblem(
                            record.location, field: "id",
                            Messages.text("msg3.svc.duplicate_id", ("first", "\(first)"), ("id", id))))
                } else {
                    firstOfID[id] = record.location
                }
            }
            outcome.warnings += warnings
            if problems.isEmpty, let service {
                outcome.services.append(service)
            } else {
                outcome.problems += problems
                outcome.rejected += 1
            }
        }
        return outcome
    }

    package func check(_ r: ServiceFile.Record, problems: inout [InputProblem], warnings: inout [InputProblem]) throws
        -> Service?
    {
        var fields = ServiceFields(record: r)
        let id = fields.required("id", Messages.text("msg3.svc.no_id"))
        let name = fields.required("name", Messages.text("msg3.svc.no_name"))
        let categories = fields.categories(known: context.categories)
        let languages = fields.languages()
        let openingHours = fields.openingHours()
        let capacity = fields.capacity()
        let verified = fields.flag("verified") ?? false
        let flaggedApproximate = fields.flag("location_approximate") ?? false
        let lastUpdated = fields.lastUpdated()
        let email = fields.email()
        let website = fields.website()
        var municipality = fields.optional("municipality").flatMap { text in
            resolveMunicipality(text) { fields.problem($0, $1) }
        }
        let point = fields.coordinates()
        problems += fields.problems
        guard
            let (location, approximate) = try locate(
                r, point: point, municipality: &municipality,
                flaggedApproximate: flaggedApproximate,
                problems: &problems, warnings: &warnings),
            problems.isEmpty
        else { return nil }
        return Service(
            id: id, name: name, organization: fields.optional("organization"), categories: categories.sorted(),
            address: fields.optional("address"), postalCode: fields.optional("postal_code"),
            municipality: municipality, location: location, locationApproximate: approximate,
            phone: fields.optional("phone"), email: email, website: website, openingHours: openingHours,
            languages: languages.sorted(), eligibility: fields.optional("eligibility"), capacity: capacity,
            verified: verified, lastUpdated: lastUpdated, source: fields.optional("source"))
    }

    /// The location rules: a point must be in the consortium (unless `allowOutside`), not swapped,
    /// and is compared with the declared municipality; without a point the service goes to its
    /// municipality's representative point, flagged approximate. Nil after reporting why not.
    package func locate(
        _ r: ServiceFile.Record, point: Coordinate?, municipality: inout String?, flaggedApproximate: Bool,
        problems: inout [InputProblem], warnings: inout [InputProblem]
    ) throws -> (Coordinate, Bool)? {
        let latText = r("lat")
        let lonText = r("lon")
        func problem(_ field: String, _ message: String) {
            problems.append(InputProblem(r.location, field: field, message))
        }
        guard let point else {
            guard problems.isEmpty else { return nil }
            if let code = municipality, let centre = context.municipalities[code]?.representativePoint {
                return (centre, true)
            }
            problem("lat", Messages.text("msg3.svc.no_place"))
            return nil
        }
        let containing = try context.municipality(containing: point)
        if containing?.inConsortium != true {
            if try context.resolver.looksSwapped(point) {
                problem("lat", MunicipalityResolver.swappedMessage(lat: latText, lon: lonText))
                return nil
            }
            if !allowOutside {
                let whereText =
                    containing.map { Messages.text("msg3.svc.outside_in", ("code", $0.code), ("name", $0.name)) }
                    ?? Messages.text("msg3.svc.outside_nowhere")
                problem(
                    "lat",
                    Messages.text("msg3.svc.outside", ("lat", latText), ("lon", lonText), ("where", whereText)))
            }
        }
        if let declared = municipality, let containing, containing.code != declared {
            let declaredName = context.municipalities[declared]?.name ?? declared
            warnings.append(
                InputProblem(
                    r.location, field: "municipality",
                    Messages.text(
                        "msg3.svc.declared_elsewhere", ("code", containing.code), ("declared", declared),
                        ("name", containing.name), ("declared_name", declaredName))))
        }
        if municipality == nil && r("municipality").isEmpty { municipality = containing?.code }
        return (point, flaggedApproximate)
    }

    /// The code of the municipality `text` names, or nil after reporting why not.
    package func resolveMunicipality(_ text: String, problem: (String, String) -> Void) -> String? {
        switch context.resolver.resolve(text) {
        case .found(let code):
            return code
        case .unknownCode(let code):
            if !allowOutside {
                problem("municipality", Messages.text("msg3.svc.municipality_not_in_db", ("code", code)))
            }
            return allowOutside ? code : nil
        case .unknown(let suggestion):
            problem(
                "municipality",
                suggestion.map {
                    Messages.text("msg3.svc.unknown_municipality_guess", ("guess", $0), ("text", Echo.value(text)))
                } ?? Messages.text("msg3.svc.unknown_municipality", ("text", Echo.value(text))))
        case .ambiguous(let candidates):
            problem(
                "municipality",
                Messages.text(
                    "msg3.svc.several_municipalities", ("list", candidates.joined(separator: ", ")),
                    ("text", Echo.value(text))))
        }
        return nil
    }
}
