/// The descriptive record of an item: the fifteen Dublin Core elements, each with zero or more values,
/// in a fixed order. This is what dc.xml holds, what METS wraps in its dmdSec, and what the catalog
/// indexes; it round-trips through all three.
public struct DublinCoreRecord: Equatable, Sendable, Codable {
    public static let elements = ["title", "creator", "subject", "description", "publisher", "contributor", "date",
                                  "type", "format", "identifier", "source", "language", "relation", "coverage", "rights"]

    /// DCMI Type vocabulary terms.
    public static let dcmiTypes = ["Collection", "Dataset", "Event", "Image", "InteractiveResource", "MovingImage",
                                   "PhysicalObject", "Service", "Software", "Sound", "StillImage", "Text"]

    /// element → values, in the order given.
    public private(set) var values: [String: [String]] = [:]

    public init() {}

    /// A record read back from storage that Memoria wrote (values already cleaned); nil when an
    /// element is not one of the fifteen.
    public init?(storedValues: [String: [String]]) {
        for (element, list) in storedValues where !list.isEmpty {
            guard Self.elementSet.contains(element) else { return nil }
            values[element] = list
        }
    }

    private static let elementSet = Set(elements)

    public subscript(_ element: String) -> [String] {
        get { values[element] ?? [] }
        set {
            precondition(Self.elements.contains(element), "\(element) is not a Dublin Core element")
            let cleaned = newValue.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
            values[element] = cleaned.isEmpty ? nil : cleaned
        }
    }

    public mutating func append(_ value: String, to element: String) {
        self[element] = self[element] + [value]
    }

    /// Adds the value unless the element already has it.
    public mutating func appendIfMissing(_ value: String, to element: String) {
        if !self[element].contains(value) { append(value, to: element) }
    }

    public var title: String { self["title"].first ?? "" }
    public var identifier: String { self["identifier"].first ?? "" }

    /// (element, value) pairs in the canonical order.
    public var pairs: [(String, String)] {
        Self.elements.flatMap { element in self[element].map { (element, $0) } }
    }
}

import Foundation
