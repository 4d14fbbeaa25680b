import Foundation
import PostgresNIO
import TerritorioCore

extension PostGISStore {
    /// The municipalities (all, or the consortium's), ordered by code.
    public func municipalities(consortiumOnly: Bool, withShapes: Bool) async throws -> [MunicipalityRecord] {
        try await read { db in
            try await db.rows(
                """
                SELECT code, name, province, population, population_year, in_consortium, boundary_approximate,
                       area_km2, ST_X(rep_point), ST_Y(rep_point),
                       \(unescaped: withShapes ? "ST_AsBinary(geom)" : "NULL")
                FROM municipality \(unescaped: consortiumOnly ? "WHERE in_consortium" : "") ORDER BY code
                """
            ).map { row in
                MunicipalityRecord(
                    code: try row[0].decode(String.self), name: try row[1].decode(String.self),
                    province: try row[2].decode(String?.self), population: try row[3].decode(Int?.self),
                    populationYear: try row[4].decode(Int?.self), inConsortium: try row[5].decode(Bool.self),
                    boundaryApproximate: try row[6].decode(Bool.self), areaKm2: try row[7].decode(Double?.self),
                    representativePoint: Coordinate(
                        lon: try row[8].decode(Double.self),
                        lat: try row[9].decode(Double.self)),
                    shape: try row[10].decode(Data?.self).map { try WKB.decodeMultiPolygon($0) })
            }
        }
    }

    /// The boundaries of the consortium's members, by ISTAT code.
    public func consortiumShapes() async throws -> [String: MultiPolygon] {
        try await read { db in
            var out: [String: MultiPolygon] = [:]
            for row in try await db.rows("SELECT code, ST_AsBinary(geom) FROM municipality WHERE in_consortium") {
                out[try row[0].decode(String.self)] = try WKB.decodeMultiPolygon(try row[1].decode(Data.self))
            }
            return out
        }
    }

    /// Everything the gap analysis reads, in one snapshot.
    public func gapInputs(costs: [String: [String: Double]]?) async throws -> GapInputs {
        try await gapInputs(costs: costs, rounds: nil)
    }

    /// The same, with only the submissions of the survey rounds `rounds` (every one when nil):
    /// a submission's round is its batch's, else the round holding its date.
    public func gapInputs(costs: [String: [String: Double]]?, rounds: [String]?) async throws -> GapInputs {
        let inRounds = Self.inRounds(rounds)
        return try await read { db in
            let latest = try await Self.latestPeriods(db, inRounds)
            return GapInputs(
                municipalities: try await Self.members(db), categories: try await Self.fetchCategories(db),
                services: try await Self.fetchServices(db), responses: try await Self.responses(db, inRounds),
                caseloads: try await Self.caseloads(db, latest), operatorCovered: Set(latest.map(\.municipality)),
                costs: costs,
                latestSubmission: try await db.rows(
                    "SELECT max(substr(submitted_at, 1, 10)) FROM submission s WHERE true \(unescaped: inRounds)"
                )[0][0].decode(String?.self),
                sources: try await Self.sources(db))
        }
    }

    /// SQL: the condition that submission `s` is in one of `rounds` (its batch's round, else the
    /// round holding its date); empty when `rounds` is nil. Names are quoted as SQL literals.
    static func inRounds(_ rounds: [String]?) -> String {
        guard let rounds else { return "" }
        let names = rounds.map { "'" + $0.replacingOccurrences(of: "'", with: "''") + "'" }.joined(separator: ", ")
        return """
            AND coalesce((SELECT b.round_name FROM batch b WHERE b.id = s.batch_id),
                         (SELECT r.name FROM survey_round r
                          WHERE substr(s.submitted_at, 1, 10) BETWEEN r.start_date AND r.end_date))
                = ANY(ARRAY[\(names)]::text[])
            """
    }

    static func members(_ db: PostgresConnection) async throws -> [GapInputs.Municipality] {
        try await db.rows(
            """
            SELECT code, name, coalesce(population, 0), population_year, ST_X(rep_point), ST_Y(rep_point),
                   boundary_approximate, zone
            FROM municipality WHERE in_consortium ORDER BY code
            """
        ).map { row in
            GapInputs.Municipality(
                code: try row[0].decode(String.self), name: try row[1].decode(String.self),
                population: try row[2].decode(Int.self), populationYear: try row[3].decode(Int?.self),
                point: Coordinate(lon: try row[4].decode(Double.self), lat: try row[5].decode(Double.self)),
                boundaryApproximate: try row[6].decode(Bool.self), zone: try row[7].decode(String?.self))
        }
    }

    /// The user responses per municipality, in the order they were stored.
    static func responses(_ db: PostgresConnection, _ inRounds: String) async throws
        -> [String: [GapInputs.Response]]
    {
        func set(_ text: String?) -> Set<String> { Set((text ?? "").split(separator: " ").map(String.init)) }
        var responses: [String: [GapInputs.Response]] = [:]
        for row in try await db.rows(
            """
            SELECT s.municipality_code, s.barriers, s.languages,
                   (SELECT string_agg(category_code, ' ') FROM need_report n WHERE n.submission_uuid = s.uuid)
            FROM submission s WHERE s.form = 'user' \(unescaped: inRounds) ORDER BY s.batch_id, s.source_row
            """)
        {
            responses[try row[0].decode(String.self), default: []].append(
                GapInputs.Response(
                    needs: set(try row[3].decode(String?.self)), barriers: set(try row[1].decode(String.self)),
                    languages: set(try row[2].decode(String.self))))
        }
        return responses
    }

    static func latestPeriods(_ db: PostgresConnection, _ inRounds: String) async throws
        -> [GapInputs.OperatorPeriod]
    {
        GapInputs.latestPeriods(
            try await db.rows(
                """
                SELECT organization, municipality_code, coalesce(period_end, ''), coalesce(submitted_at, ''), uuid
                FROM submission s WHERE form = 'operator' \(unescaped: inRounds)
                """
            ).map {
                GapInputs.OperatorPeriod(
                    organization: try $0[0].decode(String?.self), municipality: try $0[1].decode(String.self),
                    end: try $0[2].decode(String.self), submitted: try $0[3].decode(String.self),
                    uuid: try $0[4].decode(String.self))
            })
    }

    /// The caseloads of the latest periods, summed per municipality and category.
    static func caseloads(_ db: PostgresConnection, _ latest: [GapInputs.OperatorPeriod]) async throws
        -> [String: [String: GapInputs.Caseload]]
    {
        let municipality = Dictionary(uniqueKeysWithValues: latest.map { ($0.uuid, $0.municipality) })
        var caseloads: [String: [String: GapInputs.Caseload]] = [:]
        for row in try await db.rows(
            """
            SELECT submission_uuid, category_code, coalesce(requests, 0)::int, coalesce(unmet, 0)::int
            FROM need_report WHERE submission_uuid = ANY(\(latest.map(\.uuid)))
            """)
        {
            guard let code = municipality[try row[0].decode(String.self)] else { continue }
            let category = try row[1].decode(String.self)
            caseloads[code, default: [:]][category, default: GapInputs.Caseload()].requests += try row[2].decode(
                Int.self)
            caseloads[code, default: [:]][category, default: GapInputs.Caseload()].unmet += try row[3].decode(Int.self)
        }
        return caseloads
    }

    /// The report's sources: the imports (each line once, in first-import order), then the survey batches.
    static func sources(_ db: PostgresConnection) async throws -> [String] {
        try await db.column(
            """
            SELECT line FROM (SELECT kind || ': ' || source || ' (' || substr(imported_at, 1, 10) || ')' AS line,
                                     min(id) AS first
                              FROM import_log GROUP BY 1) lines ORDER BY first
            """, as: String.self)
            + db.column(
                """
                SELECT 'survey ' || form || ': ' || file || ' (' || substr(ingested_at, 1, 10) || ')'
                FROM batch ORDER BY id
                """, as: String.self)
    }
}
