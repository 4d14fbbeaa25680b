import Foundation
import Testing

@testable import TerritorioKit
@testable import TerritorioServer

/// The published report is computed once and reused, dropped after a write, and never older
/// than its lifetime.
@Suite("Published report cache")
struct PublishedCacheTests {
    final class Counter: @unchecked Sendable {
        var calls = 0
    }

    @Test("reused within its lifetime, computed again after invalidate() and once it is too old")
    func reuse() async throws {
        let counter = Counter()
        let cache = PublishedCache<GapReport?>(lifetime: .seconds(3600))
        for _ in 0..<3 {
            _ = try await cache.value {
                counter.calls += 1
                return nil
            }
        }
        #expect(counter.calls == 1)
        cache.invalidate()
        _ = try await cache.value {
            counter.calls += 1
            return nil
        }
        #expect(counter.calls == 2)
        let expiring = PublishedCache<GapReport?>(lifetime: .zero)
        for _ in 0..<2 {
            _ = try await expiring.value {
                counter.calls += 1
                return nil
            }
        }
        #expect(counter.calls == 4)
    }

    @Test("a failed computation is not cached")
    func failure() async throws {
        struct Failure: Error {}
        let cache = PublishedCache<GapReport?>(lifetime: .seconds(3600))
        await #expect(throws: Failure.self) { try await cache.value { throw Failure() } }
        let counter = Counter()
        _ = try await cache.value {
            counter.calls += 1
            return nil
        }
        #expect(counter.calls == 1)
    }
}

/// The app serves the gap layer from the cache and drops it after any write through the app.
@Suite("Web app: the published report between writes")
struct PublishedReportRefreshTests {
    @Test("a write elsewhere shows after the lifetime; any POST to the app shows it at once")
    func refresh() async throws {
        let store = try ServerFixture.store()
        let app = try ServerFixture.app(store)
        try await app.application().test(.router) { client in
            let before = try await client.get("/ogc/collections/gaps/items").text
            _ = try store.importServices(
                [ServerFixture.service("csp-2", name: "Mensa", organisation: "CSP", at: 8.86)], source: "more.csv")
            let cached = try await client.get("/ogc/collections/gaps/items").text
            #expect(cached == before)
            _ = try await client.post("/signout", [:])  // refused (no session, no token): still a write attempt
            let after = try await client.get("/ogc/collections/gaps/items").text
            #expect(after != before)
        }
    }
}
