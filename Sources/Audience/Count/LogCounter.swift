import Foundation

/// Reads a log series into the state: every line from where the last run stopped, each day counted
/// by its own `DayCounter`, and a day closed (added to the state once, its salt dropped) when a line
/// more than `closingGrace` past its end has been read or the clock says it is that far past. Lines of
/// days closed in an earlier run are skipped, so re-reading can never count a day twice; the files'
/// resume offsets point at the first line of the first day still open, so nothing is lost.
public struct LogCounter {
    public struct Settings: Sendable {
        public var site: SiteShape
        public var visitGapSeconds: Int = 30 * 60
        /// A day is closed this long after it ended (lines are written when a request ends: a long
        /// download begun at 23:59 is logged after midnight).
        public var closingGraceSeconds: Int = 60 * 60

        public init(site: SiteShape, visitGapSeconds: Int = 30 * 60, closingGraceSeconds: Int = 60 * 60) {
            self.site = site
            self.visitGapSeconds = visitGapSeconds
            self.closingGraceSeconds = closingGraceSeconds
        }
    }

    /// A line that is not in the combined format, reported with its place and skipped.
    public struct MalformedLine: Codable, Sendable, Equatable {
        public var file: String
        public var line: Int
        public var reason: MalformedReason
    }

    /// A file that could not be read (to its end).
    public struct FileProblem: Codable, Sendable, Equatable {
        public enum Kind: String, Codable, Sendable { case unreadable, damaged, duplicate }
        public var file: String
        public var kind: Kind
        /// For a damaged file, the line after which nothing could be read.
        public var line: Int?
        /// The system's or zlib's own text (for JSON only).
        public var detail: String
    }

    /// What one run read.
    public struct Outcome: Codable, Sendable {
        public var filesRead: [String] = []
        public var filesSkipped: [String] = []
        public var linesRead = 0
        public var bytesRead: Int64 = 0
        public var malformedCount = 0
        /// The first malformed lines (at most `malformedListed`), with file and line number.
        public var malformed: [MalformedLine] = []
        public var lateLines = 0
        public var problems: [FileProblem] = []
        public var daysClosed: [String] = []
        /// Days still open at the end (counted by a later run).
        public var daysOpen: [String] = []
    }

    public static let malformedListed = 50

    let settings: Settings
    let now: Int64

    public init(settings: Settings, now: Date) {
        self.settings = settings
        self.now = Int64(now.timeIntervalSince1970.rounded(.down))
    }

    public func run(_ series: LogSeries, state: inout ReadState) -> Outcome {
        var run = Run(settings: settings, state: state)
        for path in series.files { run.read(path) }
        run.closeDays(upTo: now)
        run.finish()
        state = run.state
        return run.outcome
    }
}

/// The mutable work of one `LogCounter.run`.
private struct Run {
    let settings: LogCounter.Settings
    var state: ReadState
    var outcome = LogCounter.Outcome()
    let names = RunNames()
    var agents = UserAgentFacts()
    var open: [Int32: DayCounter] = [:]
    var closed: Set<Int32>
    var closedThisRun: Set<Int32> = []
    /// The earliest time at which some open day may be closed.
    var nextClosing = Int64.max
    var latest = Int64.min
    /// Files of this run: record (as it will be saved) and the offset up to which the last run read.
    var records: [ReadState.FileRecord] = []
    var previousReadEnd: [Int64] = []
    var fingerprintsSeen: Set<String> = []
    let counterSettings: DayCounter.Settings

    init(settings: LogCounter.Settings, state: ReadState) {
        self.settings = settings
        self.state = state
        closed = Set(state.days.keys.compactMap(DayKey.parse))
        counterSettings = DayCounter.Settings(visitGap: Int64(settings.visitGapSeconds))
    }

    mutating func read(_ path: String) {
        let name = URL(fileURLWithPath: path).lastPathComponent
        let identity: FileIdentity?
        do { identity = try FileIdentity.read(path) } catch {
            outcome.problems.append(.init(file: name, kind: .unreadable, line: nil, detail: "\(error)"))
            return
        }
        guard let identity else { outcome.filesSkipped.append(name); return }   // empty, or no whole line yet
        guard fingerprintsSeen.insert(identity.fingerprint).inserted else {
            outcome.problems.append(.init(file: name, kind: .duplicate, line: nil, detail: "same first line as another file of this run"))
            return
        }
        let known = state.files.filter { $0.fingerprint == identity.fingerprint }
        let previous = known.first { $0.inode == identity.inode } ?? known.first
        if let previous, previous.complete, previous.resumeOffset == previous.readEnd, previous.compressed, identity.compressed, previous.diskBytes == identity.diskBytes {
            var kept = previous
            kept.name = name
            kept.inode = identity.inode
            records.append(kept)
            previousReadEnd.append(previous.readEnd)
            outcome.filesSkipped.append(name)
            return
        }
        var start = previous?.resumeOffset ?? 0
        var line = previous?.resumeLine ?? 0
        if !identity.compressed && start > identity.diskBytes { start = 0; line = 0 }   // shorter than before: read it all again
        let fileIndex = records.count
        records.append(.init(name: name, inode: identity.inode, fingerprint: identity.fingerprint, compressed: identity.compressed,
                             diskBytes: identity.diskBytes, readEnd: start, readEndLine: line, resumeOffset: start, resumeLine: line, complete: false))
        previousReadEnd.append(previous?.readEnd ?? 0)
        outcome.filesRead.append(name)

        var lineNumber = line
        do {
            let source = try ByteSource(path: path, compressed: identity.compressed)
            try source.skip(to: start)
            let end = try LineReader.forEachLine(in: source) { p, count, offset, next in
                lineNumber += 1
                self.records[fileIndex].readEnd = next
                self.process(p, count, offset: offset, line: lineNumber, file: fileIndex, name: name)
            }
            if end.overlongLines > 0 { outcome.malformedCount += end.overlongLines }
            records[fileIndex].readEnd = end.offset
            records[fileIndex].complete = identity.compressed
            outcome.bytesRead += end.offset - start
        } catch let failure as ByteSource.Failure {
            // What was handed over before the fault stays read (readEnd follows each line).
            switch failure {
            case .unreadable(let detail): outcome.problems.append(.init(file: name, kind: .unreadable, line: nil, detail: detail))
            case .damaged(_, let detail): outcome.problems.append(.init(file: name, kind: .damaged, line: lineNumber, detail: detail))
            }
        } catch {
            outcome.problems.append(.init(file: name, kind: .unreadable, line: nil, detail: "\(error)"))
        }
        records[fileIndex].readEndLine = lineNumber
    }

    private var lastDay: Int32 = -1
    private var lastCounter: DayCounter?

    mutating func process(_ p: UnsafePointer<UInt8>, _ count: Int, offset: Int64, line: Int, file: Int, name: String) {
        outcome.linesRead += 1
        let parsed: LogLine
        switch CombinedLogParser.parse(p, count: count) {
        case .success(let value): parsed = value
        case .failure(let reason):
            outcome.malformedCount += 1
            if outcome.malformed.count < LogCounter.malformedListed { outcome.malformed.append(.init(file: name, line: line, reason: reason)) }
            return
        }
        let day = parsed.time.day
        let counter: DayCounter
        if day == lastDay, let last = lastCounter {
            counter = last
        } else {
            if closed.contains(day) {
                // Counted in an earlier run (a line re-read after a resume offset), or late: written after its day was closed.
                if closedThisRun.contains(day) || offset >= previousReadEnd[file] { outcome.lateLines += 1 }
                return
            }
            if let existing = open[day] {
                counter = existing
            } else {
                counter = DayCounter(day: day, endOfDay: parsed.time.endOfDay, settings: counterSettings)
                open[day] = counter
                nextClosing = min(nextClosing, counter.endOfDay + Int64(settings.closingGraceSeconds))
            }
            lastDay = day
            lastCounter = counter
        }
        counter.noteLine(file: file, offset: offset, line: line - 1)
        let agent = agents.lookup(UnsafeRawBufferPointer(start: p + parsed.userAgent.lowerBound, count: parsed.userAgent.count))
        if agent.facts.crawler {
            counter.countCrawlerLine()
        } else {
            let request = settings.site.classifier.classify(p, parsed.path)
            counter.add(p, parsed, agent: agent.id, mobile: agent.facts.mobile, request: request, names: names, site: settings.site)
        }
        if parsed.time.epoch > latest {
            latest = parsed.time.epoch
            if latest >= nextClosing { closeDays(upTo: latest) }
        }
    }

    /// Closes every open day that ended more than the grace period before `time`.
    mutating func closeDays(upTo time: Int64) {
        let grace = Int64(settings.closingGraceSeconds)
        for (day, counter) in open where counter.endOfDay + grace <= time {
            let (figures, tables) = counter.close(names: names, site: settings.site)
            let iso = DayKey.iso(day)
            state.days[iso] = figures
            state.months[String(iso.prefix(7)), default: MonthTables()].add(tables)
            closed.insert(day)
            closedThisRun.insert(day)
            open[day] = nil
            outcome.daysClosed.append(iso)
        }
        nextClosing = open.values.map { $0.endOfDay + grace }.min() ?? .max
        lastDay = -1
        lastCounter = nil
    }

    /// Resume offsets (the first line of a day still open in each file) and the files of the state.
    mutating func finish() {
        for index in records.indices {
            var resume = (records[index].readEnd, records[index].readEndLine)
            for counter in open.values {
                if let first = counter.firstLines[index], first.offset < resume.0 { resume = (first.offset, first.line) }
            }
            records[index].resumeOffset = resume.0
            records[index].resumeLine = resume.1
        }
        outcome.daysOpen = open.keys.sorted().map(DayKey.iso)
        outcome.daysClosed.sort()
        state.lateLines += outcome.lateLines
        // Files of this run replace what was known of them; files gone from the disk are forgotten.
        state.files = records
    }
}
