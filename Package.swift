// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "nianbao",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "nianbao", targets: ["nianbao"]),
        .library(name: "NianbaoCore", targets: ["NianbaoCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        .target(
            name: "NianbaoCore",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(
            name: "nianbao",
            dependencies: [
                "NianbaoCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "NianbaoCoreTests",
            dependencies: ["NianbaoCore"],
            exclude: ["Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
