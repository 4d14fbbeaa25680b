import TerritorioStoreAPI

/// The SpatiaLite store answers the protocols of the remaining commands (exports, round counts,
/// closing services, health) with the methods it already had.
extension Store: ExportStore, RoundCountStore, DirectoryClosingStore, HealthStore {}
