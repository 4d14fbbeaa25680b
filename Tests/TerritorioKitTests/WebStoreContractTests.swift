import Foundation
import TerritorioPostGIS
import Testing

@testable import TerritorioKit
@testable import TerritorioStoreAPI

/// The web app's store protocols (``WebStore``) under one contract on both backends: accounts
/// and sessions, the audit log, and the quarantine's visibility per organisation.
@Suite("Web store contract: accounts, sessions, audit, quarantine review")
struct WebStoreContractTests {
    static let backends = TestPostgres.expected ? ["SpatiaLite", "PostGIS"] : ["SpatiaLite"]

    static func make(_ backend: String) async throws -> any WebStore {
        backend == "PostGIS" ? try await TestPostgres.freshStore() : try Fixture.store()
    }

    @Test("accounts: unique names, sessions that expire and end with every change, all audited", arguments: backends)
    func accountsAndSessions(_ backend: String) async throws {
        let store = try await Self.make(backend)
        let admin = try await store.addAccount(
            name: " admin ", organisation: "CSP", role: .admin, passwordHash: "$2b$a", by: nil)
        #expect(admin.name == "admin" && admin.organisation == "CSP")
        await #expect(throws: AccountError.duplicate(name: "admin")) {
            try await store.addAccount(
                name: "admin", organisation: "Caritas", role: .planner, passwordHash: "x", by: nil)
        }
        await #expect(throws: AccountError.emptyName) {
            try await store.addAccount(name: " ", organisation: "CSP", role: .planner, passwordHash: "x", by: nil)
        }
        let op = try await store.addAccount(
            name: "op", organisation: "Caritas", role: .operator, passwordHash: "$2b$o", by: admin.id)
        #expect(try await store.account(named: "op")?.passwordHash == "$2b$o")
        let hour = Date().addingTimeInterval(3600)
        try await store.createSession(tokenHash: "t1", account: op, csrf: "c1", expiresAt: hour)
        let session = try #require(try await store.session(tokenHash: "t1", now: Date()))
        #expect(session.account == op && session.csrf == "c1")
        #expect(abs(session.expiresAt.timeIntervalSince(hour)) < 0.001)
        #expect(try await store.session(tokenHash: "t1", now: hour.addingTimeInterval(1)) == nil)
        try await store.setAccountDisabled(op.id, true, by: admin)
        #expect(try await store.account(named: "op") == nil)
        try await store.setAccountDisabled(op.id, false, by: admin)
        #expect(try await store.session(tokenHash: "t1", now: Date()) == nil, "ended, not only hidden")
        try await store.createSession(tokenHash: "t2", account: op, csrf: "c2", expiresAt: hour)
        await #expect(throws: AccountError.self) {
            try await store.setAccountRole(op.id, role: .planner, organisation: "Nowhere", by: admin)
        }
        #expect(try await store.session(tokenHash: "t2", now: Date()) != nil, "a refused change changes nothing")
        try await store.setAccountRole(op.id, role: .planner, organisation: "CSP", by: admin)
        #expect(try await store.session(tokenHash: "t2", now: Date()) == nil)
        try await store.setPasswordHash(op.id, "$2b$n", by: admin)
        #expect(try await store.account(named: "op")?.passwordHash == "$2b$n")
        #expect(try await store.account(named: "op")?.account.role == .planner)
        try await store.addOrganisation("Comune", by: admin)
        await #expect(throws: AccountError.duplicateOrganisation(name: "Comune")) {
            try await store.addOrganisation(" Comune ", by: admin)
        }
        let organisations = try await store.organisationSummaries()
        #expect(
            organisations == [
                OrganisationSummary(name: "CSP", accounts: 2, services: 0),
                OrganisationSummary(name: "Caritas", accounts: 0, services: 0),
                OrganisationSummary(name: "Comune", accounts: 0, services: 0)
            ])
        #expect(
            try await store.accountSummaries().map { "\($0.account.name) \($0.disabled)" } == [
                "admin false", "op false"
            ])
        try await Self.expectAudit(store)
    }

    /// The audit log of ``accountsAndSessions(_:)``: every change once, none of the refused ones.
    static func expectAudit(_ store: any WebStore) async throws {
        let log = try await store.auditLog(limit: 100, offset: 0)
        #expect(
            log.reversed().map(\.action) == [
                "account.add", "account.add", "session.sign-in", "account.disable", "account.enable", "session.sign-in",
                "account.change", "account.password-reset", "organisation.add"
            ])
        #expect(log.last?.account == nil && log.first?.account == "admin")
        #expect(try await store.auditCount() == 9)
        #expect(
            try await store.auditLog(limit: 2, offset: 1).map(\.action) == ["account.password-reset", "account.change"])
        try await store.recordAudit(
            "export.download", object: "export needs.csv",
            by: #require(
                try await store.account(named: "admin")?.account))
        #expect(try await store.auditLog(limit: 1, offset: 0).first?.object == "export needs.csv")
    }

    @Test(
        "the quarantine: an operator sees and clears only its organisation's batches, an admin all", arguments: backends
    )
    func quarantineVisibility(_ backend: String) async throws {
        let store = try await Self.make(backend)
        let csp = try await store.addAccount(
            name: "op-csp", organisation: "CSP", role: .operator, passwordHash: "h", by: nil)
        let caritas = try await store.addAccount(
            name: "op-caritas", organisation: "Caritas", role: .operator, passwordHash: "h", by: nil)
        let owners = [csp.id, caritas.id, nil]
        let batches: [Int64] = try await store.ingestSession { ledger in
            var ids: [Int64] = []
            for (i, owner) in owners.enumerated() {
                let batch = try ledger.addBatch(
                    file: "f\(i).csv", sha256: "s\(i)", form: "user", dialect: "web", droppedColumns: "[]")
                if let owner { try ledger.claim(batch: batch, account: owner) }
                _ = try ledger.quarantine(
                    batch: batch, row: 2, raw: "{}", reasons: "[\"bad\"]", uuid: nil, form: "user")
                ids.append(batch)
            }
            return (ids, commit: true)
        }
        #expect(try await store.quarantinedRows(batch: nil, visibleTo: "CSP").map(\.batch) == [batches[0]])
        #expect(try await store.quarantinedRows(batch: nil, visibleTo: "Caritas").map(\.batch) == [batches[1]])
        #expect(try await store.quarantinedRows(batch: nil, visibleTo: nil).map(\.batch) == batches)
        #expect(try await store.quarantinedRows(batch: batches[0], visibleTo: "Caritas").isEmpty)
        let cspRow = try #require(try await store.quarantinedRows(batch: batches[0], visibleTo: nil).first)
        #expect(cspRow.reasons == ["bad"] && cspRow.file == "f0.csv")
        #expect(try await store.quarantinedRow(id: cspRow.id, visibleTo: "Caritas") == nil)
        #expect(try await store.quarantinedRow(id: cspRow.id, visibleTo: "CSP")?.id == cspRow.id)
        #expect(try await store.quarantineToken(id: cspRow.id) != nil)
        #expect(try await store.clearQuarantinedRow(id: cspRow.id, by: csp))
        #expect(try await store.clearQuarantinedRow(id: cspRow.id, by: csp) == false)
        #expect(try await store.clearQuarantine(batch: nil, by: caritas) == 2)
        #expect(
            try await store.auditLog(limit: 2, offset: 0).map(\.object) == [
                "whole quarantine (2 rows)", "quarantine row \(cspRow.id)"
            ])
    }
}
