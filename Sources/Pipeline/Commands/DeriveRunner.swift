import Catalog
import Foundation
import Imaging
import Metadata
import Preservation
import Support

/// `memoria derive`: (re)builds access images and thumbnails from the archived masters, for all items
/// or a subset, skipping pages whose derivatives are up to date (same master digest and settings
/// fingerprint, files present). Masters are decoded in parallel with bounded concurrency.
public struct DeriveRunner {
    public struct Summary: Codable, Sendable {
        public var mastersDecoded: Int
        public var pagesDerived: Int
        public var pagesUpToDate: Int
        /// Spanish: each master that could not be derived, and what to do.
        public var failures: [String]
        public var seconds: Double
        public var needsAttention: Bool { !failures.isEmpty }

        public var linesForPeople: [String] {
            ["\(SpanishText.count(pagesDerived, "página derivada", "páginas derivadas")) de \(SpanishText.count(mastersDecoded, "máster", "másters")) en \(SpanishText.duration(seconds)); \(SpanishText.number(pagesUpToDate)) ya estaban al día."]
                + failures.map { "PROBLEMA \($0)" }
        }
    }

    let context: StageContext

    public init(context: StageContext) { self.context = context }

    struct Job: Sendable {
        var itemID: String
        var masterPath: String
        var url: URL
        var digest: String
        var algorithm: DigestAlgorithm
    }

    public func run(items: [String] = [], fonds: [String] = [], force: Bool = false) async throws -> Summary {
        let config = context.config
        // One writer of the derivative store at a time: an ingest stages copies in the same folder.
        let lock = try IngestLock(folder: config.url(\.staging), display: context.displayPaths)
        defer { withExtendedLifetime(lock) {} }
        let storage = try context.openStorage()
        let codes = try context.fondsCodes(fonds)
        let store = DerivativeStore(root: config.url(\.derivatives))
        store.discardAllStaged()   // what a killed ingest or derive left
        let spec = config.derivativeSpec
        let fingerprint = config.derivativeFingerprint
        var ids = storage.objectIdentifiers().filter { !ChartObject.isChart($0) }   // charts have no pages
        if !items.isEmpty {
            let unknown = items.filter { !ids.contains($0) }
            guard unknown.isEmpty else {
                throw PipelineError.notFound("No está en el archivo: \(SpanishText.list(unknown)). Revise el identificador (memoria search lo encuentra)")
            }
            ids = ids.filter { items.contains($0) }
        }
        var unreadable: [String] = []
        let reader = ArchiveReader(storage: storage, ocrWordConfidenceFloor: context.config.text.ocrWordConfidenceFloor)
        var jobs: [Job] = []
        var upToDate = 0
        var pagesByMaster: [String: [METSItem.Page]] = [:]
        for id in ids {
            let prior: PriorObject
            do {
                guard let read = try reader.prior(id) else { continue }
                prior = read
            } catch {
                unreadable.append("\(id): \(context.displayPaths.scrub(Self.problem(error)))")
                continue
            }
            if !codes.isEmpty && !codes.contains(prior.mets.fondsCode) { continue }
            let manifest = store.manifest(itemID: id)
            for master in prior.mets.files where master.use == .master {
                let pages = prior.pages(ofMaster: master.logicalPath)
                pagesByMaster["\(id)/\(master.logicalPath)"] = pages
                let current = pages.allSatisfy { page in
                    let key = StableKey.derivative(masterPath: master.logicalPath, index: page.indexInFile)
                    return manifest.contains { $0.key == key && $0.masterDigest == master.checksum && $0.fingerprint == fingerprint }
                        && FileManager.default.fileExists(atPath: store.accessURL(itemID: id, key: key).path)
                        && FileManager.default.fileExists(atPath: store.thumbnailURL(itemID: id, key: key).path)
                }
                if current && !force { upToDate += pages.count; continue }
                guard let url = prior.url(of: master.logicalPath) else { continue }
                let algorithm = DigestAlgorithm.allCases.first { $0.metsName == master.checksumType } ?? .sha512
                jobs.append(Job(itemID: id, masterPath: master.logicalPath, url: url, digest: master.checksum, algorithm: algorithm))
            }
        }

        let started = Date()
        var summary = Summary(mastersDecoded: 0, pagesDerived: 0, pagesUpToDate: upToDate, failures: unreadable, seconds: 0)
        let limits = config.decodeLimits
        let total = jobs.count
        context.reporter.emit(.began(stage: "copias de consulta", total: total))
        var produced: [String: [DerivativeStore.Entry]] = [:]
        var stoppedBy: Error?   // a full or read-only disk: every other master would fail the same way
        await withTaskGroup(of: (Job, Result<[DerivativeStore.Entry], Error>).self) { group in
            var next = 0
            func make(_ job: Job) -> @Sendable () async -> (Job, Result<[DerivativeStore.Entry], Error>) {
                return {
                    do {
                        // Never derive from a master that no longer matches its archived digest.
                        let found = try Digester.digest(fileAt: job.url, algorithm: job.algorithm)
                        guard found == job.digest else {
                            throw PipelineError.environment("el máster no coincide con su huella \(job.algorithm.metsName) archivada; no se derivó nada de él. Ejecute memoria verify --item \(job.itemID) y restaure el objeto desde la copia de seguridad")
                        }
                        let format = try FormatIdentifier.identify(fileAt: job.url)
                        var entries: [DerivativeStore.Entry] = []
                        let tiles = config.tileRequest { index in
                            store.stagedTilesFolder(itemID: job.itemID, key: StableKey.derivative(masterPath: job.masterPath, index: index))
                        }
                        try MasterDecoder.decode(job.url, format: format, limits: limits, derivatives: spec, tiles: tiles) { page in
                            let key = StableKey.derivative(masterPath: job.masterPath, index: page.indexInFile)
                            guard let access = page.access, let thumbnail = page.thumbnail else { return }
                            try store.stage(itemID: job.itemID, key: key, access: access.jpeg, medium: page.medium?.jpeg, thumbnail: thumbnail.jpeg)
                            entries.append(.init(key: key, masterPath: job.masterPath, indexInFile: page.indexInFile, masterDigest: job.digest,
                                                 fingerprint: fingerprint, accessWidth: access.width, accessHeight: access.height,
                                                 mediumWidth: page.medium?.width, mediumHeight: page.medium?.height))
                        }
                        return (job, .success(entries))
                    } catch {
                        return (job, .failure(error))
                    }
                }
            }
            while next < min(config.workerCount, jobs.count) { group.addTask(operation: make(jobs[next])); next += 1 }
            var done = 0
            while let (job, result) = await group.next() {
                done += 1
                switch result {
                case .success(let entries):
                    summary.mastersDecoded += 1
                    summary.pagesDerived += entries.count
                    produced[job.itemID, default: []] += entries
                case .failure(let error):
                    // What this master staged before it failed goes; the item's other masters stay staged.
                    for page in pagesByMaster["\(job.itemID)/\(job.masterPath)"] ?? [] {
                        store.discardStaged(itemID: job.itemID, key: StableKey.derivative(masterPath: job.masterPath, index: page.indexInFile))
                    }
                    summary.failures.append("\(job.itemID)/\(job.masterPath): \(context.displayPaths.scrub(Self.problem(error)))")
                    if stoppedBy == nil, Self.stopsTheRun(error) { stoppedBy = error }
                }
                context.reporter.emit(.advanced(stage: "copias de consulta", done: done, total: total, detail: "\(job.itemID)/\(job.masterPath)"))
                if next < jobs.count && stoppedBy == nil { group.addTask(operation: make(jobs[next])); next += 1 }
            }
        }
        var notInPlace = jobs.count - summary.mastersDecoded   // masters whose copies are not in place
        for (itemID, entries) in produced.sorted(by: { $0.key < $1.key }) {
            let kept = store.manifest(itemID: itemID).filter { old in !entries.contains { $0.key == old.key } }
            do {
                try store.commit(itemID: itemID, entries: kept + entries)
            } catch {
                store.discard(itemID: itemID)
                notInPlace += Set(entries.map(\.masterPath)).count
                summary.failures.append("\(itemID): las copias de consulta no se pudieron poner en su lugar (\(context.displayPaths.scrub(SystemErrorText.describe(error).spanish))). \(Self.advice(error))")
                if stoppedBy == nil, Self.stopsTheRun(error) { stoppedBy = error }
            }
        }
        context.reporter.emit(.finished(stage: "copias de consulta"))
        summary.seconds = Date().timeIntervalSince(started)
        if let stoppedBy {
            throw PipelineError.environment(context.displayPaths.scrub(
                "memoria derive se detuvo: \(Self.problem(stoppedBy)) Quedan \(SpanishText.count(notInPlace, "máster", "másters")) sin copias de consulta al día; la siguiente ejecución de memoria derive los retoma"),
                detail: "\(stoppedBy)")
        }
        return summary
    }

    /// A failure said as what happened and what to do, for the summary's PROBLEMA lines.
    static func problem(_ error: Error) -> String {
        if let imaging = error as? ImagingError {
            guard case .derivativeWriteFailed(let path, _) = imaging, let code = imaging.systemErrno else { return imaging.messageForArchivist }
            return "no se pudo escribir «\(path)»: \(SystemErrorText.spanish(errno: code)). \(SystemErrorText.advice(errno: code))"
        }
        if let person = error as? PersonFacingError, SystemErrorText.errno(of: error) == nil || !person.whatToDo.isEmpty { return person.messageForPeople }
        return "\(SystemErrorText.describe(error).spanish). \(advice(error))"
    }

    /// A disk that is full or read-only: the run stops instead of decoding every other master in vain.
    static func stopsTheRun(_ error: Error) -> Bool {
        let code = (error as? ImagingError)?.systemErrno ?? SystemErrorText.errno(of: error)
        return code.map { [ENOSPC, EDQUOT, EROFS].contains($0) } ?? false
    }

    /// What to do about a failure of the disk (the system's advice for its errno).
    static func advice(_ error: Error) -> String {
        let code = (error as? ImagingError)?.systemErrno ?? SystemErrorText.errno(of: error)
        return code.map { SystemErrorText.advice(errno: $0) } ?? "Vuelva a ejecutar memoria derive; si se repite, avise al equipo de sistemas"
    }
}
