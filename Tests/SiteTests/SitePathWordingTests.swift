import Foundation
@testable import Site
import Support
import Testing

/// A failed publish names the site folder and the page, never the hidden working copies beside it.
@Suite struct SitePathWordingTests {
    @Test func aFaultInTheSpareCopyNamesTheSiteFolderAndThePage() {
        let error = SiteError.system(path: "/srv/memoria/.site.generacion/items/BSH-0001.html", operation: "escribir", errno: ENOSPC)
        #expect(error.whatHappened == "no se pudo escribir «items/BSH-0001.html» en la copia de trabajo del sitio «site»: "
                + SystemErrorText.spanish(errno: ENOSPC), "\(error.whatHappened)")
        #expect(!error.messageForPeople.contains("generacion"))
    }

    @Test func theFreshCopyAndTheListOfChangesAreNamedAfterTheSiteToo() {
        let fresh = SiteError.system(path: "/srv/memoria/publico.nuevo/buscar/indice.js", operation: "crear", errno: EIO)
        #expect(fresh.whatHappened.hasPrefix("no se pudo crear «buscar/indice.js» en la copia de trabajo del sitio «publico»"), "\(fresh.whatHappened)")
        let folder = SiteError.system(path: "/srv/memoria/.site.generacion", operation: "crear la carpeta", errno: EACCES)
        #expect(folder.whatHappened.hasPrefix("no se pudo crear la carpeta «.site.generacion», la copia de trabajo del sitio «site»:"), "\(folder.whatHappened)")
        let list = SiteError.system(path: "/srv/memoria/.site.diferencias", operation: "escribir", errno: ENOSPC)
        #expect(list.whatHappened.hasPrefix("no se pudo escribir la lista de cambios del sitio «site»"), "\(list.whatHappened)")
        let write = SiteError.write(path: "/srv/memoria/site.nuevo/index.html", reason: "disk full")
        #expect(write.whatHappened == "no se pudo escribir «index.html» en la copia de trabajo del sitio «site»")
    }

    @Test func aPathOfThePublishedSiteIsShownAsBefore() {
        let error = SiteError.system(path: "/srv/memoria/site/items/BSH-0001.html", operation: "borrar", errno: EACCES)
        #expect(error.whatHappened.hasPrefix("no se pudo borrar «/srv/memoria/site/items/BSH-0001.html»"), "\(error.whatHappened)")
    }
}
