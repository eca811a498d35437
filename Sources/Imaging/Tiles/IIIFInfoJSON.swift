/// Renders the IIIF Image API 3.0 `info.json` of a static level-0 pyramid for a given id: the
/// absolute URL of the pyramid's folder on the published site (without a trailing slash), which
/// depends on the site's base URL and so is only known when publishing.
///
/// `maxWidth`/`maxHeight` cap the `max` size at the largest size written under `full/` (a level-0
/// service must answer `full/max`; writing the master again at full size is what the tiles avoid).
public enum IIIFInfoJSON {
    public static func render(_ pyramid: TilePyramid, id: String) -> String {
        let factors = pyramid.scaleFactors.map(String.init).joined(separator: ", ")
        let sizes = pyramid.sizes.map { "{ \"width\": \($0.width), \"height\": \($0.height) }" }.joined(separator: ", ")
        var lines = [
            "{",
            "  \"@context\": \"http://iiif.io/api/image/3/context.json\",",
            "  \"id\": \"\(escaped(id))\",",
            "  \"type\": \"ImageService3\",",
            "  \"protocol\": \"http://iiif.io/api/image\",",
            "  \"profile\": \"level0\",",
            "  \"width\": \(pyramid.width),",
            "  \"height\": \(pyramid.height),",
        ]
        let largest = pyramid.largestSize
        if largest.width < pyramid.width || largest.height < pyramid.height {
            lines.append("  \"maxWidth\": \(largest.width),")
            lines.append("  \"maxHeight\": \(largest.height),")
        }
        lines += [
            "  \"sizes\": [ \(sizes) ],",
            "  \"tiles\": [ { \"width\": \(pyramid.tileSize), \"height\": \(pyramid.tileSize), \"scaleFactors\": [ \(factors) ] } ]",
            "}",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// The `info.json` of a page without tiles (its master is no larger than its access copy): a
    /// level-0 service that offers whole images only, at the `sizes` written under `full/` (the
    /// access copy is `full/max`, no larger image exists), so every painted image of a manifest
    /// has a service.
    public static func render(width: Int, height: Int, sizes: [(width: Int, height: Int)], id: String) -> String {
        let listed = sizes.sorted { $0.width < $1.width }.map { "{ \"width\": \($0.width), \"height\": \($0.height) }" }.joined(separator: ", ")
        return [
            "{",
            "  \"@context\": \"http://iiif.io/api/image/3/context.json\",",
            "  \"id\": \"\(escaped(id))\",",
            "  \"type\": \"ImageService3\",",
            "  \"protocol\": \"http://iiif.io/api/image\",",
            "  \"profile\": \"level0\",",
            "  \"width\": \(width),",
            "  \"height\": \(height),",
            "  \"sizes\": [ \(listed) ]",
            "}",
        ].joined(separator: "\n") + "\n"
    }

    /// A JSON string's content: quotes, backslashes and control characters escaped.
    static func escaped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
