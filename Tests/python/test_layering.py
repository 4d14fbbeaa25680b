"""The module layering (docs/architecture.md): each target imports only the layers under it; GRDB
and SpatiaLite only in TerritorioStore, GEOS only in TerritorioGeometry, no C or C++ in Core."""
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parents[2]
SOURCES = ROOT / "Sources"
SYSTEM = {"Foundation", "FoundationEssentials", "Dispatch", "Glibc", "Darwin", "os"}
LAYERS = ["TerritorioCore", "TerritorioGeometry", "TerritorioIO", "TerritorioStoreAPI", "TerritorioStore",
          "TerritorioRender"]
# What each library target may import besides the system modules.
ALLOWED = {
    "TerritorioData": set(),
    "TerritorioCore": {"TerritorioData"},
    "TerritorioGeometry": {"TerritorioCore", "CGEOS"},
    "TerritorioIO": {"TerritorioCore", "TerritorioGeometry", "TOMLKit", "ZIPFoundation", "Crypto"},
    "TerritorioStoreAPI": {"TerritorioCore", "TerritorioIO", "Crypto"},
    "TerritorioStore": {"TerritorioCore", "TerritorioGeometry", "TerritorioIO", "TerritorioStoreAPI", "GRDB",
                        "CSpatiaLite"},
    "TerritorioRender": {"TerritorioCore", "CRsvg"},
    "TerritorioKit": set(LAYERS) | {"TerritorioData", "Crypto"},
    "TerritorioPostGIS": {"TerritorioCore", "TerritorioIO", "TerritorioStoreAPI", "PostgresNIO", "Logging",
                          "NIOCore", "NIOPosix"},
}
IMPORT = re.compile(r"^\s*(?:@[\w_]+\s+)*import\s+(?:(?:struct|enum|class|func|protocol)\s+)?(\w+)", re.M)


def violations(target, text):
    """The modules imported by `text` (a Swift file of `target`) that `target` may not use."""
    return sorted(set(IMPORT.findall(text)) - SYSTEM - ALLOWED[target] - {target})


def files():
    for target in ALLOWED:
        for path in sorted((SOURCES / target).rglob("*.swift")):
            yield target, path


def test_every_target_imports_only_the_layers_under_it():
    found = {f"{p.relative_to(ROOT)}: {v}" for t, p in files() if (v := violations(t, p.read_text(encoding="utf-8")))}
    assert not found, "\n".join(sorted(found))


def test_grdb_and_spatialite_only_in_the_store_target():
    users = {p.parent.relative_to(SOURCES).parts[0] for p in SOURCES.rglob("*.swift")
             if re.search(r"^\s*(?:@\w+\s+)*import\s+(GRDB|CSpatiaLite)\b", p.read_text(encoding="utf-8"), re.M)}
    assert users == {"TerritorioStore"}


def test_the_check_catches_a_wrong_way_import():
    assert violations("TerritorioCore", "import Foundation\nimport GRDB\n") == ["GRDB"]
    assert violations("TerritorioRender", "@_exported import TerritorioStore\n") == ["TerritorioStore"]
    assert violations("TerritorioIO", "import TerritorioCore\nimport TOMLKit\n") == []


def test_the_package_declares_every_layer():
    package = (ROOT / "Package.swift").read_text(encoding="utf-8")
    for target in LAYERS + ["TerritorioKit"]:
        assert f'name: "{target}"' in package, target
        assert (SOURCES / target).is_dir(), target


GRDB_TYPES = re.compile(r"\b(Database|DatabasePool|DatabaseQueue|Statement|Row|DatabaseMigrator|GRDB)\b")
PUBLIC = re.compile(r"^\s*(?:@\w+(?:\([^)]*\))?\s+)*(?:public|open)\s[^\n]*", re.M)


def public_grdb(text):
    """The public declarations of `text` whose line names a GRDB type."""
    return [line.strip() for line in PUBLIC.findall(text) if GRDB_TYPES.search(line)]


def test_no_public_api_exposes_grdb():
    found = [f"{p.relative_to(ROOT)}: {d}" for p in (SOURCES / "TerritorioStore").rglob("*.swift")
             for d in public_grdb(p.read_text(encoding="utf-8"))]
    assert not found, "\n".join(found)
    assert public_grdb("    public func read<T>(_ work: (Database) throws -> T) throws -> T {}\n")
    assert not public_grdb("    package func read<T>(_ work: (Database) throws -> T) throws -> T {}\n")
