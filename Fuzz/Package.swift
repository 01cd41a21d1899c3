// swift-tools-version: 5.4
// The libFuzzer target, in a package of its own so that its entry point (libFuzzer's `main`) never meets
// the main package's `swift build` and `swift test`. Build it with the fuzzer and address sanitizers:
//
//   cd Fuzz && swift build -c debug -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
//
// (README.md, "Fuzzing", says how to seed and run it: Fuzz/run.sh.) Tools version 5.4 on purpose: from 5.5
// on, SwiftPM renames an executable's entry point and links it as `main` (`--defsym main=NianbaoFuzz_main`),
// which a target without one (libFuzzer brings `main`) fails to link.
import PackageDescription

let package = Package(
    name: "NianbaoFuzz",
    dependencies: [.package(name: "nianbao", path: "..")],
    targets: [
        .executableTarget(
            name: "NianbaoFuzz",
            dependencies: [.product(name: "NianbaoCore", package: "nianbao")]
        )
    ]
)
