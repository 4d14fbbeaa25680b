import Foundation
import PostgresNIO
import TerritorioCore

extension PostGISStore {
    /// What the accessibility index alone reads, in one snapshot: the consortium's municipalities
    /// and the services of the categories `only` (codes; all when nil), by id.
    public func accessInputs(only: [String]?) async throws -> AccessInputs {
        try await read { db in
            var demand = AccessInputs.Demand()
            for row in try await db.rows(
                """
                SELECT code, name, coalesce(population, 0), ST_X(rep_point), ST_Y(rep_point)
                FROM municipality WHERE in_consortium ORDER BY code
                """)
            {
                demand.append(
                    code: try row[0].decode(String.self), name: try row[1].decode(String.self),
                    population: try row[2].decode(Int.self),
                    point: Coordinate(lon: try row[3].decode(Double.self), lat: try row[4].decode(Double.self)))
            }
            let query: PostgresQuery
            if let only {
                query = """
                    SELECT c.category_code, s.id, s.capacity, ST_X(s.geom), ST_Y(s.geom)
                    FROM service s JOIN service_category c ON c.service_id = s.id
                    WHERE c.category_code = ANY(\(only)) ORDER BY s.id COLLATE "C"
                    """
            } else {
                query = """
                    SELECT c.category_code, s.id, s.capacity, ST_X(s.geom), ST_Y(s.geom)
                    FROM service s JOIN service_category c ON c.service_id = s.id ORDER BY s.id COLLATE "C"
                    """
            }
            var supply: [String: AccessInputs.Supply] = [:]
            for row in try await db.rows(query) {
                supply[try row[0].decode(String.self), default: AccessInputs.Supply()].append(
                    id: try row[1].decode(String.self),
                    point: Coordinate(lon: try row[3].decode(Double.self), lat: try row[4].decode(Double.self)),
                    capacity: try row[2].decode(Double?.self))
            }
            return AccessInputs(categories: try await Self.fetchCategories(db), demand: demand, supply: supply)
        }
    }
}
