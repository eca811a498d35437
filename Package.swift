// swift-tools-version:6.1
// Memoria: digital-preservation pipeline for the archive "Memoria de Hidalgo".
// Rooms (targets) follow DESIGN.md: C system libraries, one small C shim per need, then
// Imaging, Metadata, Preservation, Catalog, Site, Pipeline and the thin `memoria` CLI.
import PackageDescription

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

        // The C shim: setjmp-guarded libjpeg/libpng calls and libtiff error capture.
        .target(
            name: "CShims",
            dependencies: ["CJPEG", "CPNG", "CTIFF"],
            linkerSettings: [.linkedLibrary("jpeg"), .linkedLibrary("png16"), .linkedLibrary("tiff")]
        ),
        // The resampler's inner loops, built for AVX2/FMA and for baseline x86-64, chosen at run time.
        .target(name: "CResampleKernels"),
        // The FTS5 tokenizer that folds case and accents the way Spanish readers expect.
        .target(name: "CSearchTokenizer", linkerSettings: [.linkedLibrary("sqlite3")]),

        .target(name: "Imaging", dependencies: ["CShims", "CResampleKernels", "CJPEG", "CPNG", "CTIFF", "CZlib"]),
        .target(name: "Metadata", dependencies: ["CXML2"]),
        .target(name: "Preservation", dependencies: ["Metadata", "CLibCrypto"]),
        .target(
            name: "Catalog",
            dependencies: ["Metadata", "CSearchTokenizer", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .target(
            name: "Site",
            dependencies: ["Catalog", "Metadata", .product(name: "Mustache", package: "swift-mustache")],
            resources: [.copy("Templates"), .copy("Assets")]
        ),
        // Visitor statistics from the web server's logs (depends on nothing of ours).
        .target(name: "Audience", dependencies: ["CZlib"]),
        .target(
            name: "Pipeline",
            dependencies: [
                "Imaging", "Metadata", "Preservation", "Catalog", "Site", "Audience",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .executableTarget(
            name: "memoria",
            dependencies: ["Pipeline", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),

        // The operations the benchmarks time (bench/); not part of the product.
        .executableTarget(
            name: "memoria-bench",
            dependencies: ["Imaging", "Preservation", "Metadata", "Catalog", "Pipeline", "FixtureKit", .product(name: "GRDB", package: "GRDB.swift"),
                           .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),

        // Deterministic generator of sample inboxes and benchmark corpora (our own code).
        .target(name: "FixtureKit", dependencies: ["Imaging", "Metadata", "CShims", "CTIFF", "CFreeType"]),
        .executableTarget(
            name: "memoria-fixtures",
            dependencies: ["FixtureKit", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),

        .testTarget(name: "ImagingTests", dependencies: ["Imaging", "FixtureKit", "TestSupport"], exclude: ["Goldens"]),
        .testTarget(name: "MetadataTests", dependencies: ["Metadata", "TestSupport"], exclude: ["Goldens"]),
        .testTarget(name: "PreservationTests", dependencies: ["Preservation", "TestSupport"]),
        .testTarget(name: "CatalogTests", dependencies: ["Catalog", "TestSupport"]),
        .testTarget(name: "SiteTests", dependencies: ["Site", "Catalog", "TestSupport"], exclude: ["Goldens"]),
        .testTarget(name: "PipelineTests", dependencies: ["Pipeline", "Metadata", "FixtureKit", "TestSupport"], exclude: ["Goldens"]),
        .testTarget(name: "AudienceTests", dependencies: ["Audience", "TestSupport"], exclude: ["Goldens"]),
        .testTarget(name: "FixtureKitTests", dependencies: ["FixtureKit", "TestSupport"]),
        .testTarget(name: "MemoriaCLITests", dependencies: ["memoria", "TestSupport"]),
        .target(name: "TestSupport", path: "Tests/TestSupport"),
    ]
)
