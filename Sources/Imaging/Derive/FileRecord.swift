/// What a master's decode leaves besides pixels, gathered page by page: each page's technical
/// metadata, the observations (structure findings, header quirks, library warnings that name a
/// quirk) and every distinct library warning verbatim.
struct FileRecord {
    private let structure: [DecodeObservation]
    private var pages: [TechnicalMetadata] = []
    private var observations: [DecodeObservation]
    private var warnings: [String] = []

    init(structure: [DecodeObservation]) {
        self.structure = structure
        observations = structure
    }

    /// Observations that concern the file as a whole.
    mutating func add(_ fileObservations: [DecodeObservation]) {
        observations += fileObservations
    }

    /// Records a decoded page and returns it with all its observations. `observationPage` is the
    /// page's index in a multi-page format (TIFF) and nil for one-image formats, whose observations
    /// concern the file.
    mutating func add(_ page: DecodedPage, notes: [LibraryNote], observationPage: Int?) -> DecodedPage {
        var page = page
        let found = structure.filter { $0.page == observationPage } + page.observations
            + notes.compactMap { $0.observation(page: observationPage) }
        page.observations = found.uniquedByCodeAndPage()
        pages.append(page.technical)
        observations += page.observations
        warnings += notes.map { "\($0.library): \($0.text)" }
        return page
    }

    /// Warnings emitted after the last page (while looking for another directory).
    mutating func add(notes: [LibraryNote], observationPage: Int?) {
        observations += notes.compactMap { $0.observation(page: observationPage) }
        warnings += notes.map { "\($0.library): \($0.text)" }
    }

    var metadata: FileTechnicalMetadata {
        var seen: Set<String> = []
        return FileTechnicalMetadata(pages: pages, warnings: warnings.filter { seen.insert($0).inserted },
                                     observations: observations.uniquedByCodeAndPage())
    }
}
