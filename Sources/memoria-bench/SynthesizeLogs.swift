import ArgumentParser
import FixtureKit
import Foundation

/// `memoria-bench synth-logs`: a month (November 2026, zone -0600) of combined-format access logs of
/// the site, deterministic from the seed: people in sessions (entry pages with referrers, item pages
/// with their assets and images, downloads, searches, broken links, several user agents behind one
/// address, IPv4 and IPv6, phones), crawlers, clients that ask for robots.txt, image hotlinkers and
/// scanners. Writes `access.log` and `humans.log` (the same lines without the clients the generator
/// made as bots of the three kinds the bot rule names), the input of the GoAccess comparison.
struct SynthesizeLogs: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "synth-logs",
        abstract: "Write a generated month of access logs (access.log, humans.log) with about N lines.")
    @Option(help: "folder to write into") var dir: String
    @Option(help: "approximate number of lines") var lines = 1_000_000
    @Option var seed: UInt64 = 2026

    static let browsers = [
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
        "Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
        "Mozilla/5.0 (Linux; Android 13; moto g54 5G) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Mobile Safari/537.36",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (iPad; CPU OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (Linux; Android 12; CUBOT X50) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0.0.0 Mobile Safari/537.36",
    ]
    static let crawlers = [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)",
        "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)",
        "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)",
        "curl/8.5.0", "python-requests/2.32.3", "Go-http-client/1.1", "-",
    ]
    static let referrers = ["https://www.google.com/", "https://www.google.com.mx/", "https://www.bing.com/", "https://duckduckgo.com/",
                            "https://www.facebook.com/", "https://t.co/abc", "https://es.wikipedia.org/wiki/Hidalgo_(estado)",
                            "https://cultura.hidalgo.gob.mx/"]
    static let fonds = ["banda-sinfonica": "BSH", "margarita-michelena": "MMI", "guillermo-villasana": "GVI", "maguey-blanco": "MBL",
                        "jose-hernandez-delgadillo": "JHD"]
    static let own = "https://memoria.hidalgo.gob.mx"

    func run() throws {
        var rng = SeededRandom(seed: seed)
        let folder = URL(fileURLWithPath: dir)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: folder.appendingPathComponent("access.log").path, contents: nil)
        FileManager.default.createFile(atPath: folder.appendingPathComponent("humans.log").path, contents: nil)
        let all = try FileHandle(forWritingTo: folder.appendingPathComponent("access.log"))
        let humans = try FileHandle(forWritingTo: folder.appendingPathComponent("humans.log"))
        defer { try? all.close(); try? humans.close() }
        let perDay = max(100, lines / 30)
        var total = 0, humanLines = 0
        let fondsSlugs = Self.fonds.keys.sorted()
        // A pool of addresses; some are offices or homes where several browsers share one address.
        let addresses: [String] = (0..<60_000).map { i in
            var r = SeededRandom(seed: seed &+ UInt64(i) &* 7919)
            if i % 9 == 0 { return "2806:10a6:\(String(r.int(0...0xffff), radix: 16)):\(String(r.int(0...0xffff), radix: 16))::\(String(r.int(1...0xffff), radix: 16))" }
            return "\(r.int(1...223)).\(r.int(0...255)).\(r.int(0...255)).\(r.int(1...254))"
        }
        for day in 1...30 {
            var events: [(Int, String, Bool)] = []   // seconds of the day, line, is a person
            events.reserveCapacity(perDay + 1000)
            func emit(_ t: Int, _ address: String, _ path: String, _ status: Int, _ bytes: Int, _ referrer: String, _ agent: String, human: Bool) {
                let s = min(86_399, max(0, t))
                let time = String(format: "%02d/Nov/2026:%02d:%02d:%02d -0600", day, s / 3600, s / 60 % 60, s % 60)
                events.append((s, "\(address) - - [\(time)] \"GET \(path) HTTP/1.1\" \(status) \(bytes) \"\(referrer)\" \"\(agent)\"", human))
            }
            func item(_ r: inout SeededRandom) -> String {
                let slug = fondsSlugs[r.int(0...fondsSlugs.count - 1)]
                // Zipf-like popularity: a few items are seen much more.
                let n = Int(pow(r.unit(), 3) * 2000) + 1
                return "\(Self.fonds[slug]!)-\(String(format: "%04d", n))"
            }
            while events.count < perDay {
                let kind = rng.unit()
                if kind < 0.70 {
                    // A person: 1 to 3 visits in the day; one address may hold several browsers.
                    let address = addresses[Int(pow(rng.unit(), 1.3) * Double(addresses.count - 1))]
                    let agent = Self.browsers[(address.utf8.reduce(0) { $0 &+ Int($1) } % 3 + rng.int(0...7)) % Self.browsers.count]
                    var t = rng.int(0...86_000)
                    for _ in 0..<(rng.unit() < 0.8 ? 1 : rng.int(2...3)) {
                        var referrer = rng.unit() < 0.55 ? Self.referrers[rng.int(0...Self.referrers.count - 1)] : "-"
                        for view in 0..<rng.int(1...8) {
                            let pick = rng.unit()
                            let path: String
                            if view == 0 && pick < 0.25 { path = "/" }
                            else if pick < 0.65 { path = "/items/\(item(&rng))/" }
                            else if pick < 0.80 { path = "/fondos/\(fondsSlugs[rng.int(0...fondsSlugs.count - 1)])/" + (rng.unit() < 0.3 ? "pagina-2.html" : "") }
                            else if pick < 0.90 { path = "/buscar/index.html" }
                            else { path = "/explorar/" }
                            emit(t, address, path, rng.unit() < 0.1 ? 304 : 200, rng.int(4_000...40_000), referrer, agent, human: true)
                            emit(t + 1, address, "/assets/estilo.css", 304, 0, Self.own + path, agent, human: true)
                            if path.hasPrefix("/items/") {
                                emit(t + 1, address, "/assets/visor.js", 200, 4_100, Self.own + path, agent, human: true)
                                for page in 1...rng.int(1...3) {
                                    emit(t + 2, address, path + String(format: "%04d.thumb.jpg", page), 200, 18_000, Self.own + path, agent, human: true)
                                }
                                emit(t + 2, address, path + "0001.jpg", 200, 420_000, Self.own + path, agent, human: true)
                                let d = rng.unit()
                                if d < 0.05 { emit(t + 40, address, path + "mets.xml", 200, 60_000, Self.own + path, agent, human: true) }
                                else if d < 0.08 { emit(t + 40, address, path + "t/1.txt", 200, 3_000, Self.own + path, agent, human: true) }
                                else if d < 0.09 { emit(t + 40, address, path + "dc.xml", 200, 2_000, Self.own + path, agent, human: true) }
                            } else if path == "/buscar/index.html" {
                                emit(t + 5, address, "/buscar/indice/manifiesto.js", 200, 3_000, Self.own + path, agent, human: true)
                                for _ in 0..<rng.int(1...3) {
                                    emit(t + 6, address, "/buscar/indice/t/\(String(rng.int(0x6161...0x7a7a), radix: 16)).js", 200, 30_000, Self.own + path, agent, human: true)
                                    t += rng.int(10...60)
                                }
                            } else if rng.unit() < 0.03 {
                                emit(t + 3, address, "/datos/catalogo.csv", 200, 900_000, Self.own + path, agent, human: true)
                            }
                            if rng.unit() < 0.02 { emit(t + 9, address, "/items/\(item(&rng))-x/", 404, 900, Self.own + path, agent, human: true) }
                            referrer = Self.own + path
                            t += rng.int(15...400)
                        }
                        t += rng.int(1_900...20_000)   // the next visit begins after more than 30 minutes
                        if t > 86_399 { break }
                    }
                } else if kind < 0.86 {
                    // A crawler: a burst of pages.
                    let agent = Self.crawlers[rng.int(0...Self.crawlers.count - 1)]
                    let address = "66.249.\(rng.int(64...79)).\(rng.int(1...254))"
                    var t = rng.int(0...86_000)
                    if rng.unit() < 0.3 { emit(t, address, "/robots.txt", 200, 120, "-", agent, human: false) }
                    for _ in 0..<rng.int(5...40) {
                        emit(t, address, "/items/\(item(&rng))/", 200, 12_000, "-", agent, human: false)
                        t += rng.int(1...30)
                    }
                } else if kind < 0.92 {
                    // A program with a browser's user agent that asks for robots.txt, then pages.
                    let address = "52.\(rng.int(0...255)).\(rng.int(0...255)).\(rng.int(1...254))"
                    let agent = Self.browsers[rng.int(0...3)]
                    var t = rng.int(0...86_000)
                    emit(t, address, "/robots.txt", 200, 120, "-", agent, human: false)
                    for _ in 0..<rng.int(3...20) {
                        t += rng.int(1...10)
                        emit(t, address, "/items/\(item(&rng))/", 200, 12_000, "-", agent, human: false)
                    }
                } else if kind < 0.97 {
                    // Another site showing our images (hotlinking): images only.
                    let address = addresses[rng.int(0...addresses.count - 1)]
                    let agent = Self.browsers[rng.int(0...Self.browsers.count - 1)]
                    let t = rng.int(0...86_000)
                    for _ in 0..<rng.int(1...4) {
                        emit(t, address, "/items/\(item(&rng))/0001.jpg", 200, 420_000, "https://foro.example.net/tema/123", agent, human: false)
                    }
                } else {
                    // A scanner looking for software the site does not run: errors only.
                    let address = "45.\(rng.int(0...255)).\(rng.int(0...255)).\(rng.int(1...254))"
                    let agent = Self.browsers[rng.int(0...3)]
                    var t = rng.int(0...86_000)
                    for path in ["/wp-login.php", "/.env", "/xmlrpc.php", "/admin/", "/phpmyadmin/"].prefix(rng.int(1...5)) {
                        emit(t, address, path, 404, 150, "-", agent, human: false)
                        t += 1
                    }
                }
            }
            events.sort { $0.0 < $1.0 }
            var allText = "", humanText = ""
            allText.reserveCapacity(events.count * 230)
            for (_, line, human) in events {
                allText += line + "\n"
                if human { humanText += line + "\n"; humanLines += 1 }
            }
            total += events.count
            all.write(Data(allText.utf8))
            humans.write(Data(humanText.utf8))
        }
        print("access.log: \(total) lines; humans.log: \(humanLines) lines")
    }
}
