import Catalog
import Foundation
import Preservation
import Support

/// Opening the archive and the catalog, the same way for every command, with Spanish errors that
/// name the folder (relative) and keep the library's words as the technical detail.
extension StageContext {
    /// The OCFL storage root at paths.archive (created when the folder is new and empty).
    func openStorage() throws -> OCFLStorageRoot {
        do {
            return try OCFLStorageRoot(root: config.url(\.archive))
        } catch {
            let (spanish, technical) = SystemErrorText.describe(error)
            throw PipelineError.environment(displayPaths.scrub("No se pudo abrir el archivo \(displayPath(config.paths.archive)): \(spanish)"),
                                            detail: technical)
        }
    }

    /// The catalog at paths.catalog, with the declared fonds written in.
    func openCatalog() throws -> CatalogDatabase {
        do {
            let catalog = try CatalogDatabase(path: config.paths.catalog)
            try catalog.synchronizeFonds(config.catalogFonds)
            return catalog
        } catch {
            throw PipelineError.environment("No se pudo abrir el catálogo \(displayPath(config.paths.catalog)): \(SystemErrorText.describe(error).spanish). \(SystemErrorText.errno(of: error).map { SystemErrorText.advice(errno: $0) + "; el catálogo" } ?? "Revise el disco; el catálogo") se puede reconstruir con memoria reindex",
                                            detail: "\(error)")
        }
    }

    /// Fonds named on the command line (slug or code) as codes; an unknown name is a usage error.
    func fondsCodes(_ names: [String]) throws -> [String] {
        try names.map { name in
            guard let code = config.fonds(slug: name)?.code ?? config.fonds(code: name)?.code else {
                throw PipelineError.usage("El fondo «\(name)» no está declarado en pipeline.yaml (fondos: \(SpanishText.list(config.fonds.map(\.slug))))")
            }
            return code
        }
    }
}
