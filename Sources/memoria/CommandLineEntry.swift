import ArgumentParser
import Foundation
import Pipeline

/// Parses the command line, runs the command and exits with the documented code. Help and usage
/// errors come from swift-argument-parser and are put into Spanish (ArgumentParserSpanish); every
/// other error conforms to PersonFacingError and is printed as its Spanish message, with paths shown
/// relative. Nothing is ever printed in the libraries' own words.
enum CommandLineEntry {
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        let code: Int32
        do {
            var command = try MemoriaCommand.parseAsRoot(arguments)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            code = ExitCodes.ok
        } catch {
            code = report(error)
        }
        exit(code)
    }

    /// Prints what the person must read about `error`; returns the exit code.
    static func report(_ error: Error) -> Int32 {
        switch error {
        case let exit as ExitCode:
            return exit.rawValue
        case let failure as PipelineError:
            Terminal.error(failure.messageForPeople)
            switch failure {
            case .usage, .notFound: return ExitCodes.usage
            case .environment, .busy: return ExitCodes.aborted
            }
        case let failure as ConfigError:
            Terminal.error(failure.messageForPeople)
            return ExitCodes.usage
        case let failure as PersonFacingError:
            Terminal.error(failure.messageForPeople)
            return ExitCodes.aborted
        default:
            return reportParserOutcome(error)
        }
    }

    /// Help, version and usage errors of swift-argument-parser, in Spanish.
    static func reportParserOutcome(_ error: Error) -> Int32 {
        let code = MemoriaCommand.exitCode(for: error).rawValue
        let text = ArgumentParserSpanish.translate(MemoriaCommand.fullMessage(for: error))
        if code == 0 {
            if !text.isEmpty { print(text) }
        } else if code == ExitCodes.usage {
            Terminal.write(text.hasSuffix("\n") ? text : text + "\n")
        } else {
            Terminal.error("ocurrió un error inesperado: \(SystemErrorText.describe(error).spanish)")
            return ExitCodes.aborted
        }
        return code
    }
}

enum ExitCodes {
    static let ok: Int32 = 0
    static let problems: Int32 = 1
    static let aborted: Int32 = 2
    static let usage: Int32 = 64
}

/// Ends a command with a code when it did its work but someone must look at the result.
func finish(needsAttention: Bool) throws {
    if needsAttention { throw ExitCode(ExitCodes.problems) }
}

/// JSON on stdout for scripts.
func printJSON<T: Encodable>(_ value: T) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    print(String(decoding: try encoder.encode(value), as: UTF8.self))
}

/// Lines for people on stdout, with any absolute path of the deployment shown relative.
func printLines(_ lines: [String]) {
    for line in lines { print(Terminal.display.scrub(line)) }
}
