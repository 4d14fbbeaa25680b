import PostgresNIO
import TerritorioStoreAPI

extension PostGISLedger {
    /// Reads the stored versions of `uuids` and the linked keys of `instanceIDs` in one round trip
    /// (after the writes before them), in place of those read ahead for earlier rows.
    func prefetch(uuids: [String], instanceIDs: [String]) throws {
        try flush()
        storedAhead = [:]
        linkedAhead = [:]
        let unique = Array(Set(uuids))
        let versions = connection.query(Self.storedQuery(unique), logger: PostGISStore.logger)
        let linked = instanceIDs.isEmpty ? [:] : try linkedKeys(Array(Set(instanceIDs)))
        var ahead = [String: StoredVersion?](minimumCapacity: unique.count)
        for uuid in unique { ahead.updateValue(nil, forKey: uuid) }
        for row in try versions.wait().rows {
            let r = row.makeRandomAccess()
            ahead[try r[0].decode(String.self)] = try Self.version(r)
        }
        storedAhead = ahead
        linkedAhead = linked
    }

    /// The stored versions that `query` (``storedQuery(_:)``'s columns) finds, with their keys.
    func storedVersions(_ query: PostgresQuery) throws -> [(uuid: String, version: StoredVersion)] {
        try rows(query).map { r in (try r[0].decode(String.self), try Self.version(r)) }
    }

    /// For each of `ids`, the key of the stored submission that has (or had, before its edit) that
    /// instance id, or nil: a submission whose key it is first, else one edited from it.
    func linkedKeys(_ ids: [String]) throws -> [String: String?] {
        var keys = [String: String?](minimumCapacity: ids.count)
        for id in ids { keys.updateValue(nil, forKey: id) }
        let found = try rows(
            """
            SELECT uuid, uuid, 0 FROM submission WHERE uuid = ANY(\(ids))
            UNION ALL
            SELECT instance_id, uuid, 1 FROM submission WHERE instance_id = ANY(\(ids)) AND instance_id <> uuid
            """)
        let links = try found.map {
            (
                id: try $0[0].decode(String.self), key: try $0[1].decode(String.self),
                direct: try $0[2].decode(Int.self) == 0
            )
        }
        for link in links.filter(\.direct) + links.filter({ !$0.direct }) where keys[link.id] == .some(nil) {
            keys[link.id] = .some(link.key)
        }
        return keys
    }

    /// Drops what was read ahead about a key being written (and its instance id).
    func forget(_ uuid: String, instanceID: String?) {
        storedAhead.removeValue(forKey: uuid)
        linkedAhead.removeValue(forKey: uuid)
        if let instanceID { linkedAhead.removeValue(forKey: instanceID) }
    }

    static func storedQuery(_ uuids: [String]) -> PostgresQuery {
        """
        SELECT s.uuid, s.content_hash, s.instance_id, s.deprecated_id, s.edits, s.version_time, b.file,
               s.source_row, s.batch_id
        FROM submission s JOIN batch b ON b.id = s.batch_id WHERE s.uuid = ANY(\(uuids))
        """
    }

    private static func version(_ r: PostgresRandomAccessRow) throws -> StoredVersion {
        StoredVersion(
            hash: try r[1].decode(String.self), instanceID: try r[2].decode(String?.self),
            deprecatedID: try r[3].decode(String?.self), edits: try r[4].decode(Int?.self),
            time: try r[5].decode(String?.self), file: try r[6].decode(String.self),
            row: try r[7].decode(Int.self), batch: try r[8].decode(Int64.self))
    }
}
