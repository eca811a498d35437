import Foundation
import Testing
@testable import Audience
import TestSupport

@Suite struct ParserTests {
    func parse(_ text: String) -> Result<LogLine, MalformedReason> {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { CombinedLogParser.parse($0.baseAddress!, count: $0.count) }
    }

    func field(_ text: String, _ range: Range<Int>) -> String {
        String(decoding: Array(text.utf8)[range], as: UTF8.self)
    }

    @Test func aCombinedLineGivesEveryField() throws {
        let text = #"203.0.113.7 - - [05/Nov/2026:23:59:58 -0600] "GET /items/BSH-0001/index.html?vista=2 HTTP/1.1" 200 5120 "https://www.google.com/" "Mozilla/5.0 (X11)""#
        let line = try parse(text).get()
        #expect(field(text, line.address) == "203.0.113.7")
        #expect(field(text, line.method) == "GET")
        #expect(field(text, line.path) == "/items/BSH-0001/index.html")
        #expect(line.status == 200)
        #expect(field(text, line.referrer) == "https://www.google.com/")
        #expect(field(text, line.userAgent) == "Mozilla/5.0 (X11)")
        #expect(line.time.day == 20261105)
        #expect(line.time.epoch == Int64(LogTime.daysFromCivil(2026, 11, 6)) * 86_400 + 6 * 3600 - 2)   // 23:59:58 at -0600 = 05:59:58 UTC next day
        #expect(line.time.endOfDay == Int64(LogTime.daysFromCivil(2026, 11, 6)) * 86_400 + 6 * 3600)
    }

    @Test func anIPv6AddressAndEscapedQuotesInTheUserAgent() throws {
        let text = #"2001:db8:85a3::8a2e:370:7334 - alice [01/Jan/2027:00:00:00 +0000] "GET / HTTP/2.0" 304 - "-" "Ein \"Browser\" 1.0""#
        let line = try parse(text).get()
        #expect(field(text, line.address) == "2001:db8:85a3::8a2e:370:7334")
        #expect(field(text, line.userAgent) == #"Ein \"Browser\" 1.0"#)
        #expect(line.status == 304)
        #expect(line.time.day == 20270101)
    }

    @Test(arguments: [
        ("nothing at all", MalformedReason.time),
        (#"1.2.3.4 - - [32/Nov/2026:10:00:00 -0600] "GET / HTTP/1.1" 200 1 "-" "x""#, .time),
        (#"1.2.3.4 - - [05/Nov/2026:10:00:00 -0600] GET / HTTP/1.1 200 1 "-" "x""#, .request),
        (#"1.2.3.4 - - [05/Nov/2026:10:00:00 -0600] "GET / HTTP/1.1" 2x0 1 "-" "x""#, .status),
        (#"1.2.3.4 - - [05/Nov/2026:10:00:00 -0600] "GET / HTTP/1.1" 200 1"#, .referrer),
        (#"1.2.3.4 - - [05/Nov/2026:10:00:00 -0600] "GET / HTTP/1.1" 200 1 "-""#, .userAgent),
        (#" - - [05/Nov/2026:10:00:00 -0600] "GET / HTTP/1.1" 200 1 "-" "x""#, .address),
    ])
    func malformedLinesSayWhatIsWrong(_ text: String, _ reason: MalformedReason) {
        guard case .failure(let found) = parse(text) else { Issue.record("parsed: \(text)"); return }
        #expect(found == reason)
    }

    @Test(arguments: [
        ("/", RequestKind.page), ("/index.html", .page), ("/items/BSH-0001/", .itemPage), ("/items/BSH-0001/index.html", .itemPage),
        ("/items/BSH-0001", .itemPage), ("/items/BSH-0001/mets.xml", .download), ("/items/BSH-0001/dc.xml", .download),
        ("/items/BSH-0001/manifest.json", .download), ("/items/BSH-0001/t/2.txt", .download), ("/items/BSH-0001/t/2.js", .asset),
        ("/items/BSH-0001/0001.jpg", .pageImage), ("/items/BSH-0001/0001.thumb.jpg", .asset),
        ("/items/BSH-0001/iiif/p0001/full/283,400/0/default.jpg", .asset), ("/items/BSH-0001/iiif/p0001/full/max/0/default.jpg", .pageImage),
        ("/items/BSH-0001/iiif/p0001/full/1240,1754/0/default.jpg", .pageImage), ("/items/BSH-0001/iiif/p0001/full/283,/0/default.jpg", .pageImage), ("/fondos/banda-sinfonica/", .fondsPage),
        ("/fondos/banda-sinfonica/pagina-2.html", .fondsPage), ("/buscar/index.html", .page), ("/buscar/indice/t/6361.js", .searchShard),
        ("/buscar/indice/manifiesto.js", .asset), ("/assets/estilo.css", .asset), ("/robots.txt", .robots),
        ("/datos/catalogo.csv", .download), ("/explorar/temas/", .page), ("/favicon.ico", .asset), ("/wp-login.php", .other),
    ])
    func pathsAreSortedByTheSitesURLShapes(_ path: String, _ kind: RequestKind) {
        let bytes = Array(path.utf8)
        let result = bytes.withUnsafeBufferPointer { RequestClassifier(sitePrefix: "/").classify($0.baseAddress!, 0..<$0.count) }
        #expect(result.kind == kind, "\(path)")
    }

    @Test func aSitePrefixIsHonoured() {
        let classifier = RequestClassifier(sitePrefix: "/memoria")
        func kind(_ path: String) -> RequestKind {
            let bytes = Array(path.utf8)
            return bytes.withUnsafeBufferPointer { classifier.classify($0.baseAddress!, 0..<$0.count).kind }
        }
        #expect(kind("/memoria/items/X-1/") == .itemPage)
        #expect(kind("/memoria/") == .page)
        #expect(kind("/memoria") == .page)
        #expect(kind("/items/X-1/") == .other)
    }

    @Test func crawlerAndMobileUserAgents() {
        #expect(BotRules.isCrawler(LogFixture.googlebot))
        #expect(BotRules.isCrawler("curl/8.4.0"))
        #expect(BotRules.isCrawler("-"))
        #expect(BotRules.isCrawler(""))
        #expect(!BotRules.isCrawler(LogFixture.firefox))
        #expect(!BotRules.isCrawler("Mozilla/5.0 (Linux; Android 12; CUBOT X50) Mobile Safari/537.36"))
        #expect(BotRules.isMobile(LogFixture.iphone))
        #expect(!BotRules.isMobile(LogFixture.chrome))
    }

    @Test func rotatedFilesAreReadOldestFirst() throws {
        let folder = TemporaryDirectory("audience-series")
        for name in ["access.log", "access.log.1", "access.log.2.gz", "access.log.10.gz", "access.log-20261101.gz", "other.log", "access.log.bak"] {
            try "x\n".write(to: folder.path(name), atomically: true, encoding: .utf8)
        }
        let series = try LogSeries.discover([folder.path("access.log.1").path])
        #expect(series.files.map { URL(fileURLWithPath: $0).lastPathComponent } ==
                ["access.log-20261101.gz", "access.log.10.gz", "access.log.2.gz", "access.log.1", "access.log"])
        #expect(throws: AudienceError.self) { try LogSeries.discover([folder.path("access.log").path, folder.path("other.log").path]) }
        #expect(throws: AudienceError.logMissing(path: folder.path("nope.log").path)) { try LogSeries.discover([folder.path("nope.log").path]) }
    }
}
