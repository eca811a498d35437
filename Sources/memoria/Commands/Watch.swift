import ArgumentParser
import Dispatch
import Foundation
import Pipeline

struct Watch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vigilar",
        abstract: "Vigila la bandeja e ingresa cada lote en cuanto está listo, sin nadie frente al teclado (watch).",
        discussion: """
        Mira la bandeja (el sistema avisa de cada cambio con inotify; si no puede, la consulta cada \
        service.poll_seconds) y toma los lotes listos uno por uno, con las reglas de siempre: la marca LISTO \
        o ingest.settle_seconds sin cambios, y nunca mientras un archivo se está copiando \
        (ingest.copy_quiet_seconds). Un lote que quedó retenido no se vuelve a tomar hasta que su carpeta cambie. \
        Después de cada ingreso que archivó algo publica el sitio (service.publish_after_ingest), pone al día \
        las réplicas (service.replicate_after_ingest) y escribe el informe para la dirección; audita una muestra \
        del archivo cada service.verify_every_hours horas y envía los avisos de notices:.

        Escribe un evento por línea en la salida de errores, en español: con la hora local en una terminal, y \
        con la prioridad que lee journald cuando corre como servicio de systemd (deploy/memoria.service). \
        SIGTERM o SIGINT (Ctrl+C) lo detienen tras el ítem en curso: lo archivado queda archivado, el resto del \
        lote sigue en la bandeja, el informe del lote dice que se interrumpió y la siguiente ejecución toma lo \
        que falta; una segunda señal lo corta en el acto. Un corte en cualquier momento es seguro: la siguiente \
        ejecución retoma lo que quedó a medias.

        Códigos de salida: 0 detenido por una señal, 2 el entorno impide empezar (otro servicio con el mismo \
        candado no impide nada: se espera), 64 error de uso o de configuración.
        """,
        aliases: ["watch"])

    @OptionGroup var common: CommonOptions
    @Option(help: ArgumentHelp("Carpeta de los esquemas XML oficiales (en lugar de paths.schemas).", valueName: "carpeta"))
    var schemas: String?
    @Flag(help: "Imprime al detenerse un resumen en JSON por la salida estándar.")
    var json = false

    func run() async throws {
        let config = try common.load()
        var context = common.context(config, quiet: true)
        let stop = StopRequest()
        context.stop = stop
        let signals = SignalStop.install(stop)
        let summary = await WatchService(context: context, schemasFolder: schemas, log: ServiceLogLines.log(), stop: stop).run()
        withExtendedLifetime(signals) {}
        if json { try printJSON(summary) }
    }
}

/// SIGTERM and SIGINT ask the run to stop after the items in progress (the default action would end
/// it at once); a second one, once a stop is already asked for, ends it at once (still safe: the next
/// run recovers).
enum SignalStop {
    static func install(_ stop: StopRequest) -> [any DispatchSourceSignal] {
        [(SIGTERM, "SIGTERM"), (SIGINT, "SIGINT")].map { number, name in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                if stop.isRequested {
                    signal(number, SIG_DFL)
                    kill(getpid(), number)
                    return
                }
                stop.request(name)
            }
            source.resume()
            return source
        }
    }
}

/// The service's log lines on standard error: `<6>texto` (journald's priority prefix) under systemd,
/// `2026-12-02 09:15:03 (UTC−06:00) info: texto` otherwise; one event per line, control characters
/// (a folder name could hold an escape sequence) replaced, paths relative.
enum ServiceLogLines {
    static func log() -> ServiceLog {
        let journal = ProcessInfo.processInfo.environment["JOURNAL_STREAM"] != nil
        let lock = NSLock()
        return ServiceLog { level, message in
            let text = String(String.UnicodeScalarView(Terminal.display.scrub(message).unicodeScalars.map { $0.properties.generalCategory == .control ? " " : $0 }))
            let line = journal
                ? "<\(level.syslogPriority)>\(level == .info ? "" : "\(level.label): ")\(text)\n"
                : "\(Timestamp.forPeople(Date())) \(level.label): \(text)\n"
            lock.lock(); defer { lock.unlock() }
            FileHandle.standardError.write(Data(line.utf8))
        }
    }
}
