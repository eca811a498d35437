import ArgumentParser
import Foundation
import Imaging
import Preservation

/// The per-file operations of ingest, timed against vipsthumbnail, vips, sha*sum and openssl (bench/imaging.sh, bench/ingest.sh).
extension Bench {
    struct DeriveOne: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "derive",
            abstract: "Decode a master once (validating it) and write its access copy and thumbnail, as ingest does.")
        @Argument var file: String
        @Argument var output: String
        @Option var long: Int = 2000
        @Option var thumb: Int = 400

        func run() throws {
            let url = URL(fileURLWithPath: file)
            let format = try FormatIdentifier.identify(fileAt: url)
            let spec = DerivativeSpec(accessLongEdge: long, accessQuality: 85, thumbnailLongEdge: thumb, thumbnailQuality: 85, progressive: true)
            try MasterDecoder.decode(url, format: format, limits: DecodeLimits(), derivatives: spec) { page in
                try Data(page.access!.jpeg).write(to: URL(fileURLWithPath: "\(output)-\(page.indexInFile)-access.jpg"))
                try Data(page.thumbnail!.jpeg).write(to: URL(fileURLWithPath: "\(output)-\(page.indexInFile)-thumb.jpg"))
            }
        }
    }

    struct ValidateOne: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "validate", abstract: "Decode every strip/tile/scan of masters (validation only).")
        @Argument var files: [String]

        func run() throws {
            for file in files {
                let url = URL(fileURLWithPath: file)
                try MasterDecoder.decode(url, format: try FormatIdentifier.identify(fileAt: url), limits: DecodeLimits(), derivatives: nil) { _ in }
            }
        }
    }

    struct DigestFiles: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "digest",
            abstract: "SHA-512 (or SHA-256) of files, streamed through libcrypto as ingest and verify do; prints digest and name like sha512sum.")
        @Option(help: "sha512 or sha256") var algorithm = "sha512"
        @Argument var files: [String]

        func run() throws {
            let algorithm: DigestAlgorithm = self.algorithm == "sha256" ? .sha256 : .sha512
            var output = ""
            for file in files {
                output += try Digester.digest(fileAt: URL(fileURLWithPath: file), algorithm: algorithm) + "  " + file + "\n"
            }
            FileHandle.standardOutput.write(Data(output.utf8))
        }
    }
}
