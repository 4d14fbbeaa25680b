import TerritorioStoreAPI

/// The SpatiaLite store answers the protocols of the remaining commands (exports, round counts,
/// closing services) with the methods it already had.
extension Store: ExportStore, RoundCountStore, DirectoryClosingStore {}
