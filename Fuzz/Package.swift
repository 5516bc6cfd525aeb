// swift-tools-version:6.0
import PackageDescription

// libFuzzer targets over exercise-pipeline's untrusted-input code (docs/RELIABILITY.md). A package
// of its own, so the main build and `make test` never build them: every target here is linked
// with `-sanitize=fuzzer,address -parse-as-library` (libFuzzer supplies `main`), which
// `scripts/fuzz.sh` passes. Each target is one `LLVMFuzzerTestOneInput`.
let package = Package(
    name: "exercise-pipeline-fuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "exercise-pipeline", path: "..")],
    targets: [
        .target(name: "FuzzSupport", dependencies: [.product(name: "ExercisePipeline", package: "exercise-pipeline")]),
        .executableTarget(name: "fuzz-markdown", dependencies: ["FuzzSupport"]),
        .executableTarget(name: "fuzz-html", dependencies: ["FuzzSupport"]),
        .executableTarget(name: "fuzz-front-matter", dependencies: ["FuzzSupport"]),
        .executableTarget(name: "fuzz-structured-data", dependencies: ["FuzzSupport"]),
        .executableTarget(name: "fuzz-config", dependencies: ["FuzzSupport"]),
        .executableTarget(name: "fuzz-exporters", dependencies: ["FuzzSupport"]),
    ]
)
