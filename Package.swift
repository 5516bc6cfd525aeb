// swift-tools-version:6.0
import PackageDescription

// Layering (lower never imports higher):
// ExerciseModel → ExerciseDocument → ExerciseReaders (cmark-gfm, libxml2, Yams, TOMLKit)
//                                  ↘ ExerciseExtraction (the tree and the model only)
// ExerciseModel → ExerciseTaxonomy → ExerciseExporters (SQLite)
// all of them → ExercisePipeline (config, catalogue, runner) → exercise-pipeline (CLI)
// docs/ARCHITECTURE.md draws it.
let package = Package(
    name: "exercise-pipeline",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "ExercisePipeline", targets: ["ExercisePipeline"]),
        .executable(name: "exercise-pipeline", targets: ["exercise-pipeline"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        // TOML front matter (`+++`, Hugo's default); builds toml++ (C++), about 10 s clean.
        .package(url: "https://github.com/LebJe/TOMLKit", exact: "0.6.0"),
        // SHA-256 for source.sha256 and the output manifest (about 30 s of a clean build).
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
    ],
    targets: [
        // cmark-gfm from Debian's libcmark-gfm-dev / libcmark-gfm-extensions-dev.
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // libxml2's HTML parser from Debian's libxml2-dev.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // SQLite from Debian's libsqlite3-dev, for the `sqlite` exporter. The C library itself, not
        // GRDB or SQLite.swift: no extra package to fetch and build in CI, and direct control of
        // what makes the file's bytes deterministic (page size, journal off, one transaction,
        // VACUUM at the end).
        .systemLibrary(
            name: "CSQLite3",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .target(name: "ExerciseModel"),
        // The format-neutral tree readers produce and the extractor reads, with its visitor.
        .target(name: "ExerciseDocument", dependencies: ["ExerciseModel"]),
        .target(
            name: "ExerciseReaders",
            dependencies: ["ExerciseModel", "ExerciseDocument", "CCmarkGFM", "CLibXML2", .product(name: "Yams", package: "Yams"), .product(name: "TOMLKit", package: "TOMLKit")]
        ),
        .target(name: "ExerciseExtraction", dependencies: ["ExerciseModel", "ExerciseDocument"]),
        .target(
            name: "ExerciseTaxonomy",
            dependencies: ["ExerciseModel"],
            resources: [.copy("Resources")]
        ),
        .target(name: "ExerciseExporters", dependencies: ["ExerciseModel", "ExerciseTaxonomy", "CSQLite3", .product(name: "Crypto", package: "swift-crypto")]),
        .target(
            name: "ExercisePipeline",
            dependencies: ["ExerciseModel", "ExerciseDocument", "ExerciseReaders", "ExerciseExtraction", "ExerciseTaxonomy", "ExerciseExporters"]
        ),
        // The tool allocates with jemalloc (Debian's libjemalloc-dev), not glibc's malloc: a run
        // makes and frees millions of small strings, arrays and tree nodes on both cores, and
        // glibc's allocator was a tenth of a run's time (BENCHMARKS.md, "the allocator").
        .executableTarget(
            name: "exercise-pipeline",
            dependencies: ["ExercisePipeline", "ExerciseModel", "ExerciseTaxonomy", "ExerciseExporters", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            linkerSettings: [.linkedLibrary("jemalloc", .when(platforms: [.linux]))]
        ),
        // `swift run -c release taxonomy-benchmark`: numbers in BENCHMARKS.md.
        .executableTarget(name: "taxonomy-benchmark", dependencies: ["ExerciseTaxonomy"]),
        .testTarget(
            name: "ExercisePipelineTests",
            dependencies: ["ExercisePipeline", "ExerciseDocument", "ExerciseReaders", "ExerciseExtraction", "ExerciseTaxonomy", "ExerciseExporters", "ExerciseModel", "CCmarkGFM", "CLibXML2"],
            exclude: ["Fixtures", "check_exports.py", "check_sqlite.py"]
        ),
    ]
)
