import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// POSTs a notice as JSON to notices.webhook_url; any 2xx answer is a delivery. One attempt, with a
/// time limit: retries and their backoff belong to the spool (NoticeSpool).
struct WebhookDelivery {
    let url: URL
    var timeoutSeconds: Double = 15

    static func body(_ notice: Notice) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(notice)
    }

    /// Nil when the receiver accepted it; otherwise why not, in Spanish (and the technical text).
    func send(_ notice: Notice) async -> (spanish: String, detail: String)? {
        var request = URLRequest(url: url, timeoutInterval: timeoutSeconds)
        request.httpMethod = "POST"
        request.setValue("application/json; charset=utf-8", forHTTPHeaderField: "Content-Type")
        request.setValue("\(StageContext.softwareName)/\(StageContext.softwareVersion)", forHTTPHeaderField: "User-Agent")
        do {
            request.httpBody = try Self.body(notice)
            let (_, response) = try await URLSession.shared.data(for: request)
            let status = (response as? HTTPURLResponse)?.statusCode ?? 0
            guard (200..<300).contains(status) else {
                return ("el receptor del webhook respondió \(status)", "HTTP \(status) from \(url.host ?? "")")
            }
            return nil
        } catch {
            return ("no se pudo contactar el webhook (\(url.host ?? url.absoluteString)): sin respuesta o conexión rechazada", "\(error)")
        }
    }
}
