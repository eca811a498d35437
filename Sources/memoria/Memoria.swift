import ArgumentParser
import Foundation
import Pipeline

/// `memoria`: the command line of the Memoria preservation pipeline. It only parses arguments, calls
/// the Pipeline room and renders what comes back.
@main
struct Memoria: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "memoria",
        abstract: "Preservación digital para el archivo Memoria de Hidalgo.",
        discussion: """
        Archivists drop scans and a metadata.csv into the inbox; `memoria ingest` validates, checksums and \
        archives them (OCFL), with METS/PREMIS/MIX and full text; `memoria publish` writes the static site.

        EXIT CODES
          0   everything went well
          1   something was quarantined, held back, failed, or (verify) a fixity problem was found
          2   aborted: an environment fault (disk full, archive locked by another run, missing schemas)
          64  usage or configuration error (bad option, invalid pipeline.yaml)
        """,
        version: "\(StageContext.softwareName) \(StageContext.softwareVersion)",
        subcommands: [Ingest.self, Publish.self, Verify.self, Reindex.self, Derive.self, Search.self, Status.self, Export.self,
                      Validate.self, ValidateConfig.self, Statistics.self])
}

/// Options every command shares.
struct CommonOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: "The configuration file.")
    var config: String = "pipeline.yaml"

    @Flag(name: .shortAndLong, help: "Only warnings and errors on the terminal.")
    var quiet = false

    func load() throws -> PipelineConfig {
        do {
            return try ConfigLoader.load(URL(fileURLWithPath: config))
        } catch let error as ConfigError {
            throw CLIFailure(message: "\(error)", code: ExitCodes.usage)
        }
    }
}

enum ExitCodes {
    static let ok: Int32 = 0
    static let problems: Int32 = 1
    static let aborted: Int32 = 2
    static let usage: Int32 = 64
}

/// An error the CLI reports with a given exit code.
struct CLIFailure: Error, CustomStringConvertible {
    var message: String
    var code: Int32
    var description: String { message }
}

/// Runs a command body, turning errors into messages on stderr and documented exit codes.
func runCommand(_ body: () async throws -> Int32) async throws {
    let code: Int32
    do {
        code = try await body()
    } catch let failure as CLIFailure {
        Terminal.error(failure.message)
        throw ExitCode(failure.code)
    } catch let error as PipelineError {
        Terminal.error("\(error)")
        switch error {
        case .usage, .notFound: throw ExitCode(ExitCodes.usage)   // a wrong argument: an item or batch that does not exist
        case .environment, .busy: break
        }
        throw ExitCode(ExitCodes.aborted)
    } catch let error as ConfigError {
        Terminal.error("\(error)")
        throw ExitCode(ExitCodes.usage)
    } catch let exit as ExitCode {
        throw exit
    } catch {
        Terminal.error("\(error)")
        throw ExitCode(ExitCodes.aborted)
    }
    if code != 0 { throw ExitCode(code) }
}

/// JSON on stdout for scripts.
func printJSON<T: Encodable>(_ value: T) {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    if let data = try? encoder.encode(value) { print(String(decoding: data, as: UTF8.self)) }
}
