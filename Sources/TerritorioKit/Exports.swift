// TerritorioKit is the orchestration layer and the one module its clients import: it re-exports
// every layer below it (docs/architecture.md).
@_exported import TerritorioCore
@_exported import TerritorioGeometry
@_exported import TerritorioIO
@_exported import TerritorioRender
@_exported import TerritorioStore
@_exported import TerritorioStoreAPI
