// swift-tools-version: 6.0
import Foundation
import PackageDescription

/// Whether Tesseract's C API is installed (Debian libtesseract-dev): OCR is built only then, and a machine
/// without it builds and runs nianbao without OCR (it says so once per run).
let tesseract: Bool = {
    if ProcessInfo.processInfo.environment["NIANBAO_NO_OCR"] != nil { return false }
    let prefixes = ["/usr/include", "/usr/local/include", "/opt/homebrew/include"]
    return prefixes.contains { FileManager.default.fileExists(atPath: $0 + "/tesseract/capi.h") }
}()

let package = Package(
    name: "nianbao",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "nianbao", targets: ["nianbao"]),
        // The PostgreSQL sink, a program of its own: `nianbao` runs it for `--sink`, and builds without it.
        .executable(name: "nianbao-sink", targets: ["nianbao-sink"]),
        .library(name: "NianbaoCore", targets: ["NianbaoCore"]),
        .library(name: "NianbaoPDF", targets: ["NianbaoPDF"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        .target(
            name: "NianbaoCore",
            dependencies: [
                "CLibXML2",
                "COpenCC",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The operating system's calls (files, descriptors, processes): the one place that imports Glibc or
        // Darwin, over swift-system.
        .target(
            name: "NianbaoSystem",
            dependencies: [.product(name: "SystemPackage", package: "swift-system")]
        ),
        // The embedded store: the stage cache and the corpus database (SQLite through GRDB).
        .target(
            name: "NianbaoStore",
            dependencies: ["NianbaoCore", "NianbaoSystem", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "NianbaoStoreTests",
            dependencies: ["NianbaoStore", "NianbaoCore", "NianbaoTestSupport"]
        ),
        // Running a corpus: inputs, Dispatch workers, one output owner, incremental outputs.
        .target(
            name: "NianbaoRun",
            dependencies: ["NianbaoCore", "NianbaoStore", "NianbaoSystem"]
        ),
        .testTarget(
            name: "NianbaoRunTests",
            dependencies: ["NianbaoRun", "NianbaoStore", "NianbaoCore", "NianbaoTestSupport"]
        ),
        .executableTarget(
            name: "nianbao",
            dependencies: [
                "NianbaoCore",
                "NianbaoStore",
                "NianbaoRun",
                "NianbaoSystem",
                "NianbaoPDF",
                "NianbaoOCR",
                "NianbaoReview",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The shared sink (`--sink postgres://…`): an output folder's corpus rows upserted into PostgreSQL.
        .target(
            name: "NianbaoPostgres",
            dependencies: [
                "NianbaoCore", "NianbaoStore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "nianbao-sink",
            dependencies: [
                "NianbaoPostgres", "NianbaoStore", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "NianbaoPostgresTests",
            dependencies: [
                "NianbaoPostgres", "NianbaoStore", "NianbaoCore", "NianbaoTestSupport",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The review site of an output folder: static HTML, page images through NianbaoPDF, kept in the store.
        .target(
            name: "NianbaoReview",
            dependencies: ["NianbaoCore", "NianbaoPDF", "NianbaoStore"]
        ),
        .testTarget(
            name: "NianbaoReviewTests",
            dependencies: ["NianbaoReview", "NianbaoPDF", "NianbaoCore", "NianbaoTestSupport"]
        ),
        .testTarget(
            name: "NianbaoCoreTests",
            dependencies: ["NianbaoCore", "NianbaoTestSupport", .product(name: "Yams", package: "Yams")]
        ),
        // libxml2's HTML parser, for HTML inputs (the core's layout stage reads them).
        .systemLibrary(
            name: "CLibXML2",
            path: "Sources/CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // OpenCC, for traditional → simplified by phrase (the cleanup stage).
        .systemLibrary(
            name: "COpenCC",
            path: "Sources/COpenCC",
            pkgConfig: "opencc",
            providers: [.apt(["libopencc-dev", "libopencc-data"])]
        ),
        // poppler-glib (and the cairo it renders with) through pkg-config; only NianbaoPDF imports it.
        .systemLibrary(
            name: "CPoppler",
            path: "Sources/CPoppler",
            pkgConfig: "poppler-glib",
            providers: [.apt(["libpoppler-glib-dev"])]
        ),
        // poppler's core library (Debian libpoppler-private-dev), for the one thing poppler-glib does not
        // expose: the vector paths, read by CPopplerPaths for the table rules.
        .systemLibrary(
            name: "CPopplerCore",
            path: "Sources/CPopplerCore",
            pkgConfig: "poppler",
            providers: [.apt(["libpoppler-private-dev"])]
        ),
        .target(
            name: "CPopplerPaths",
            dependencies: ["CPopplerCore"]
        ),
        .target(
            name: "NianbaoPDF",
            dependencies: ["CPoppler", "CPopplerPaths", "NianbaoCore"]
        ),
        // Tesseract's C API with Leptonica, through pkg-config; only NianbaoOCR imports it.
        .systemLibrary(
            name: "CTesseract",
            path: "Sources/CTesseract",
            pkgConfig: "tesseract",
            providers: [.apt(["libtesseract-dev", "libleptonica-dev"])]
        ),
        // OCR of scanned pages, tables pasted as images and garbled text layers: pages rendered through
        // NianbaoPDF, read cell by cell by Tesseract. Without Tesseract it builds as a reader that says OCR
        // is not available.
        .target(
            name: "NianbaoOCR",
            dependencies: ["NianbaoPDF", "NianbaoCore", .product(name: "Crypto", package: "swift-crypto")]
                + (tesseract ? ["CTesseract"] : []),
            swiftSettings: tesseract ? [.define("NIANBAO_TESSERACT")] : []
        ),
        .testTarget(
            name: "NianbaoOCRTests",
            dependencies: ["NianbaoOCR", "NianbaoPDF", "NianbaoCore", "NianbaoTestSupport"]
        ),
        // What the test targets share (the repository's files, the project's rules, the pipeline as
        // `nianbao run` builds it, scratch directories): a regular target, since a test target cannot
        // depend on another; only test targets depend on it.
        .target(
            name: "NianbaoTestSupport",
            dependencies: ["NianbaoCore", "NianbaoPDF", "NianbaoOCR"]
        ),
        // Golden tests: every report in Corpus/ against Corpus/expected/, PDFs included.
        .testTarget(
            name: "CorpusTests",
            dependencies: ["NianbaoCore", "NianbaoTestSupport"]
        ),
        .testTarget(
            name: "NianbaoPDFTests",
            dependencies: ["NianbaoPDF", "NianbaoCore", "NianbaoTestSupport"],
            exclude: ["Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v6],
    cxxLanguageStandard: .cxx17
)
