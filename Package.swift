// swift-tools-version:6.1
// Memoria: digital-preservation pipeline for the archive "Memoria de Hidalgo".
// Rooms (targets) follow DESIGN.md: C system libraries, one small C shim per need, then
// Imaging, Metadata, Preservation, Catalog, Site, Pipeline and the thin `memoria` CLI.
import PackageDescription

/// Each file sees the members of only the modules it imports itself, so a room cannot lean on another
/// room through a transitive import (ArchitectureTests checks which rooms import which).
let strictImports: [SwiftSetting] = [.enableUpcomingFeature("MemberImportVisibility")]

let package = Package(
    name: "memoria",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "memoria", targets: ["memoria"]),
        .executable(name: "memoria-fixtures", targets: ["memoria-fixtures"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // C libraries from Debian's -dev packages.
        .systemLibrary(name: "CXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CJPEG", pkgConfig: "libjpeg", providers: [.apt(["libjpeg-dev"])]),
        .systemLibrary(name: "CPNG", pkgConfig: "libpng", providers: [.apt(["libpng-dev"])]),
        .systemLibrary(name: "CTIFF", pkgConfig: "libtiff-4", providers: [.apt(["libtiff-dev"])]),
        .systemLibrary(name: "CLibCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CFreeType", pkgConfig: "freetype2", providers: [.apt(["libfreetype-dev"])]),
        // Snowball's stemmers (no pkg-config file in Debian; the module map links libstemmer).
        .systemLibrary(name: "CStemmer", providers: [.apt(["libstemmer-dev"])]),

        // The C shim: setjmp-guarded libjpeg/libpng calls and libtiff error capture.
        .target(
            name: "CShims",
            dependencies: ["CJPEG", "CPNG", "CTIFF"],
            linkerSettings: [.linkedLibrary("jpeg"), .linkedLibrary("png16"), .linkedLibrary("tiff")]
        ),
        // The resampler's inner loops, built for AVX2/FMA and for baseline x86-64, chosen at run time.
        .target(name: "CResampleKernels"),
        // The FTS5 tokenizer that folds case and accents the way Spanish readers expect, and adds each
        // word's Snowball Spanish stem as a second form.
        .target(name: "CSearchTokenizer", dependencies: ["CStemmer"],
                linkerSettings: [.linkedLibrary("sqlite3"), .linkedLibrary("stemmer")]),

        // Helpers every room shares: stable hashing, timestamps, markup escaping, the JSON byte scanner,
        // Spanish numbers/sizes/plurals, display paths, the person-facing error protocol, fault injection.
        .target(name: "Support", swiftSettings: strictImports),

        .target(name: "Imaging", dependencies: ["Support", "CShims", "CResampleKernels", "CTIFF", "CZlib"], swiftSettings: strictImports),
        .target(name: "Metadata", dependencies: ["Support", "CXML2"], swiftSettings: strictImports),
        .target(name: "Preservation", dependencies: ["Support", "CLibCrypto"], swiftSettings: strictImports),
        .target(
            name: "Catalog",
            dependencies: ["Support", "Metadata", "CSearchTokenizer", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strictImports
        ),
        .target(
            name: "Site",
            dependencies: ["Support", "Catalog", "Metadata", .product(name: "Mustache", package: "swift-mustache")],
            resources: [.copy("Templates"), .copy("Assets")],
            swiftSettings: strictImports
        ),
        // Visitor statistics from the web server's logs (depends on nothing of ours).
        .target(name: "Audience", dependencies: ["CZlib"], swiftSettings: strictImports),
        .target(
            name: "Pipeline",
            dependencies: [
                "Support", "Imaging", "Metadata", "Preservation", "Catalog", "Site", "Audience",
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strictImports
        ),
        .executableTarget(
            name: "memoria",
            dependencies: ["Pipeline", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: strictImports
        ),

        // The operations the benchmarks time (bench/); not part of the product.
        .executableTarget(
            name: "memoria-bench",
            dependencies: ["Imaging", "Preservation", "Metadata", "Catalog", "Pipeline", "FixtureKit", .product(name: "GRDB", package: "GRDB.swift"),
                           .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),

        // Deterministic generator of sample inboxes and benchmark corpora (our own code).
        .target(name: "FixtureKit", dependencies: ["Support", "Imaging", "Metadata", "CShims", "CTIFF", "CFreeType"]),
        .executableTarget(
            name: "memoria-fixtures",
            dependencies: ["FixtureKit", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),

        .testTarget(name: "ImagingTests", dependencies: ["Imaging", "CResampleKernels", "FixtureKit", "TestSupport"], exclude: ["Goldens"]),
        .testTarget(name: "MetadataTests", dependencies: ["Metadata", "TestSupport"], exclude: ["Goldens"]),
        .testTarget(name: "PreservationTests", dependencies: ["Preservation", "TestSupport"]),
        .testTarget(name: "CatalogTests", dependencies: ["Catalog", "TestSupport"]),
        .testTarget(name: "SiteTests", dependencies: ["Site", "Catalog", "TestSupport"], exclude: ["Goldens"]),
        .testTarget(name: "PipelineTests", dependencies: ["Pipeline", "Metadata", "Catalog", "FixtureKit", "TestSupport"], exclude: ["Goldens"]),
        .testTarget(name: "AudienceTests", dependencies: ["Audience", "TestSupport"], exclude: ["Goldens"]),
        .testTarget(name: "FixtureKitTests", dependencies: ["FixtureKit", "TestSupport"]),
        .testTarget(name: "MemoriaCLITests", dependencies: ["memoria", "TestSupport"], exclude: ["Goldens"]),
        .testTarget(name: "SupportTests", dependencies: ["Support"]),
        .testTarget(name: "ArchitectureTests", dependencies: ["TestSupport"]),
        .target(name: "TestSupport", path: "Tests/TestSupport"),
    ]
)
