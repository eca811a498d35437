import Foundation
import Testing
@testable import Audience
import TestSupport

/// A day with known answers: three visitors (two share an address), a crawler, a client that asked
/// for robots.txt, one that only fetched assets, a broken link, a malformed line, and the next day.
@Suite struct CountingTests {
    typealias F = LogFixture

    static var lines: [String] {
        let v1 = "203.0.113.7", v3 = "2001:db8::1"
        return [
            F.line(v1, day: 5, "10:00:00", "/items/BSH-0001/", referrer: "https://www.google.com/search?q=banda"),
            F.line(v1, day: 5, "10:00:01", "/assets/estilo.css", referrer: "https://memoria.example.mx/items/BSH-0001/"),
            F.line(v1, day: 5, "10:00:02", "/items/BSH-0001/0001.jpg"),
            F.line("66.249.66.1", day: 5, "10:01:00", "/items/BSH-0002/", agent: F.googlebot),
            F.line(v1, day: 5, "10:05:00", "/buscar/index.html?q=banda+sinfonica"),
            F.line(v1, day: 5, "10:05:10", "/buscar/indice/t/6261.js"),
            F.line(v1, day: 5, "10:05:10", "/buscar/indice/t/7369.js"),
            F.line(v1, day: 5, "10:06:00", "/buscar/indice/t/6d61.js"),
            "esto no es una línea de registro",
            F.line(v1, day: 5, "10:50:00", "/items/BSH-0001/mets.xml"),
            F.line(v1, day: 5, "11:00:00", "/fondos/banda-sinfonica/", agent: F.chrome),
            F.line("66.249.66.1", day: 5, "11:30:00", "/robots.txt", agent: F.googlebot),
            F.line("66.249.66.1", day: 5, "11:30:01", "/items/MBL-0002/", agent: F.googlebot),
            F.line(v3, day: 5, "12:00:00", "/", agent: F.iphone),
            F.line(v3, day: 5, "12:01:00", "/items/MBL-0002/", referrer: "https://memoria.example.mx/", agent: F.iphone),
            F.line(v3, day: 5, "12:02:00", "/items/XXX-9/", status: 404, referrer: "https://memoria.example.mx/fondos/maguey-blanco/", agent: F.iphone),
            F.line("198.51.100.20", day: 5, "13:00:05", "/items/BSH-0001/", agent: F.chrome),
            F.line("198.51.100.20", day: 5, "23:59:00", "/robots.txt", agent: F.chrome),
            F.line("198.51.100.30", day: 5, "14:00:00", "/items/BSH-0001/0001.jpg", referrer: "https://otro.example.com/"),
            F.line("198.51.100.30", day: 5, "14:00:00", "/assets/estilo.css"),
            F.line(v1, day: 6, "09:00:00", "/"),
        ]
    }

    @Test func visitorsVisitsAndBotLinesOfAKnownDay() throws {
        let folder = TemporaryDirectory("audience-count")
        let log = folder.path("access.log")
        try F.write(Self.lines, to: log)
        var state = ReadState()
        let outcome = try F.count(log, state: &state)

        let day = try #require(state.days["2026-11-05"])
        #expect(day.visitors == 3)
        #expect(day.visits == 4)           // the first visitor came back after 44 minutes
        #expect(day.pageViews == 5)
        #expect(day.itemViews == 2)
        #expect(day.downloads == 1)
        #expect(day.pageImages == 1)
        #expect(day.searches == 2)         // two shards in one second are one search; a minute later, another
        #expect(day.mobileVisitors == 1)
        #expect(day.crawlerLines == 3)
        #expect(day.robotsLines == 2)      // robots.txt at 23:59 makes the whole day's pair a bot
        #expect(day.assetOnlyLines == 2)
        #expect(day.requests == 19)
        let next = try #require(state.days["2026-11-06"])
        #expect(next.visitors == 1 && next.visits == 1 && next.requests == 1)

        let month = try #require(state.months["2026-11"])
        #expect(month.items["BSH-0001"] == .init(views: 1, pageImages: 1, downloads: 1))
        #expect(month.items["MBL-0002"] == .init(views: 1, pageImages: 0, downloads: 0))
        #expect(month.items["BSH-0002"] == nil)
        #expect(month.fonds == ["banda-sinfonica": 1])
        #expect(month.entryPages == ["/items/BSH-0001/": 1, "/items/BSH-0001/mets.xml": 1, "/fondos/banda-sinfonica/": 1, "/": 2])
        #expect(month.referrers == ["google.com": 1])
        #expect(month.brokenLinks == ["/items/XXX-9/": ["página /fondos/maguey-blanco/": 1]])
        #expect(month.downloads == ["/items/BSH-0001/mets.xml": .init(kind: .mets, count: 1)])

        #expect(outcome.malformedCount == 1)
        #expect(outcome.malformed == [.init(file: "access.log", line: 9, reason: .time)])
        #expect(outcome.linesRead == 21)
        #expect(outcome.daysClosed == ["2026-11-05", "2026-11-06"])
    }

    @Test func theDayInProgressIsNotCountedAndTheNextRunCountsItOnce() throws {
        let folder = TemporaryDirectory("audience-open-day")
        let log = folder.path("access.log")
        try F.write(Self.lines, to: log)
        var state = ReadState()
        let first = try F.count(log, state: &state, now: F.date(day: 6, 12))
        #expect(first.daysClosed == ["2026-11-05"])
        #expect(first.daysOpen == ["2026-11-06"])
        #expect(state.days["2026-11-06"] == nil)
        let record = try #require(state.files.first)
        #expect(record.resumeOffset < record.readEnd)
        #expect(record.resumeLine == Self.lines.count - 1)

        try F.append([F.line("198.51.100.9", day: 6, "15:00:00", "/items/JHD-0002/", agent: F.chrome)], to: log)
        let second = try F.count(log, state: &state, now: F.date(day: 7, 12))
        #expect(second.linesRead == 2)       // only the open day's line and the new one were read
        #expect(second.daysClosed == ["2026-11-06"])
        #expect(state.days["2026-11-06"]?.visitors == 2)
        #expect(state.days["2026-11-05"]?.visitors == 3)
        #expect(second.lateLines == 0)

        let third = try F.count(log, state: &state, now: F.date(day: 9, 12))
        #expect(third.linesRead == 0 && third.daysClosed.isEmpty)
    }

    @Test func aLineOfAClosedDayWrittenLaterIsReportedAsLateAndNotCounted() throws {
        let folder = TemporaryDirectory("audience-late")
        let log = folder.path("access.log")
        try F.write(Self.lines, to: log)
        var state = ReadState()
        try F.count(log, state: &state)
        try F.append([F.line("198.51.100.77", day: 5, "20:00:00", "/", agent: F.chrome)], to: log)
        let outcome = try F.count(log, state: &state)
        #expect(outcome.lateLines == 1)
        #expect(state.days["2026-11-05"]?.visitors == 3)
        #expect(state.lateLines == 1)
    }
}
