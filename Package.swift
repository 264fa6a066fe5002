// swift-tools-version: 6.1
import PackageDescription

/// ketaplan: plans ketamine and esketamine treatment courses.
///
/// KetaplanEngine is pure Swift (standard library only: no Foundation, files, clock or
/// terminal); every other module depends on it, never the other way round. Above it:
/// KetaplanRecords (the store's value types, no file I/O), KetaplanStore (the data
/// folder's I/O), ClinicEdits (every edit a client makes), KetaplanPrint (summaries,
/// handouts and exports over value types only), KetaplanPrinting (CUPS), KetaplanUI (pure
/// reducer and renderer), KetaplanTerminal (curses), KetaplanDemo and KetaplanSimulation,
/// and the `ketaplan` executable. docs/architecture.md has the layers and what each
/// module may import.
///
/// The engine and the simulation are compiled with optimisation in debug builds too: the
/// frontier-goal test plays the whole default simulate cohort (1,000 patients x 365 days
/// x 6 policies) through the scheduler, which takes minutes unoptimised and seconds
/// optimised, and every other engine test gets faster with it.
let optimisedEvenInDebug: [SwiftSetting] = [.swiftLanguageMode(.v6), .unsafeFlags(["-O"], .when(configuration: .debug))]

let package = Package(
    name: "ketaplan",
    products: [
        .executable(name: "ketaplan", targets: ["ketaplan"]),
        .library(name: "KetaplanEngine", targets: ["KetaplanEngine"]),
        .library(name: "KetaplanStore", targets: ["KetaplanStore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV.git", from: "0.10.0"),
    ],
    targets: [
        .target(
            name: "KetaplanEngine",
            swiftSettings: optimisedEvenInDebug
        ),
        .target(
            name: "KetaplanRecords",
            dependencies: ["KetaplanEngine", "KetaplanText"],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .target(
            name: "KetaplanStore",
            dependencies: ["KetaplanEngine", "KetaplanRecords", "KetaplanText"],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .target(
            name: "ClinicEdits",
            dependencies: ["KetaplanEngine", "KetaplanRecords", "KetaplanText"],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .target(
            name: "KetaplanText",
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .systemLibrary(name: "CNcursesw"),
        .target(name: "CTerminalSupport", linkerSettings: [.linkedLibrary("ncursesw")]),
        .target(
            name: "KetaplanUI",
            dependencies: ["ClinicEdits", "KetaplanEngine", "KetaplanRecords", "KetaplanText", "KetaplanPrint"],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .target(
            name: "KetaplanTerminal",
            dependencies: ["CNcursesw", "CTerminalSupport", "ClinicEdits", "KetaplanUI", "KetaplanStore", "KetaplanEngine", "KetaplanPrint", "KetaplanPrinting"],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .target(
            name: "KetaplanPrint",
            dependencies: ["KetaplanEngine", "KetaplanRecords", "KetaplanText"],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .target(
            name: "KetaplanPrinting",
            dependencies: ["KetaplanPrint", "KetaplanRecords"],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .target(
            name: "KetaplanDemo",
            dependencies: ["KetaplanEngine"],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .target(
            name: "KetaplanSimulation",
            dependencies: ["KetaplanEngine", "KetaplanDemo"],
            swiftSettings: optimisedEvenInDebug
        ),
        .executableTarget(
            name: "ketaplan",
            dependencies: [
                "ClinicEdits",
                "KetaplanEngine",
                "KetaplanStore",
                "KetaplanDemo",
                "KetaplanSimulation",
                "KetaplanText",
                "KetaplanUI",
                "KetaplanTerminal",
                "KetaplanPrint",
                "KetaplanPrinting",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .executableTarget(
            name: "ketaplan-bench",
            dependencies: ["KetaplanEngine", "KetaplanStore", "KetaplanDemo", "KetaplanUI", "KetaplanSimulation"],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .executableTarget(
            name: "ketaplan-fuzz",
            dependencies: ["KetaplanStore"],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .executableTarget(
            name: "ketaplan-crash-helper",
            dependencies: ["KetaplanEngine", "KetaplanStore"],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .testTarget(
            name: "KetaplanStoreTests",
            dependencies: ["KetaplanEngine", "KetaplanStore", "KetaplanDemo", "ketaplan-crash-helper"],
            resources: [.copy("Fixtures")],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .testTarget(
            name: "KetaplanCLITests",
            dependencies: ["ketaplan", "KetaplanTestSupport"],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .testTarget(
            name: "KetaplanUITests",
            dependencies: ["ClinicEdits", "KetaplanUI", "KetaplanTerminal", "KetaplanEngine", "KetaplanStore", "KetaplanDemo", "KetaplanText", "KetaplanPrint"],
            exclude: ["Snapshots"],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        // Runs the built `ketaplan` binary for the command-line and parity tests.
        .target(
            name: "KetaplanTestSupport",
            path: "Tests/KetaplanTestSupport",
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .testTarget(
            name: "ClinicEditsTests",
            dependencies: ["ClinicEdits", "KetaplanUI", "KetaplanTerminal", "KetaplanStore", "KetaplanEngine", "ketaplan", "KetaplanTestSupport"],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .testTarget(
            name: "KetaplanE2ETests",
            dependencies: ["ketaplan", "KetaplanPrint", "KetaplanStore", "KetaplanTestSupport"],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .testTarget(
            name: "KetaplanPrintTests",
            dependencies: ["KetaplanPrint", "KetaplanEngine", "KetaplanStore", "KetaplanDemo", "KetaplanText",
                           .product(name: "SwiftCSV", package: "SwiftCSV")],
            exclude: ["Golden"],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .testTarget(
            name: "KetaplanSimulationTests",
            dependencies: ["KetaplanSimulation", "KetaplanEngine"],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .testTarget(
            name: "KetaplanTextTests",
            dependencies: ["KetaplanText"],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .testTarget(
            name: "KetaplanEngineTests",
            dependencies: [
                "KetaplanEngine",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
    ]
)
