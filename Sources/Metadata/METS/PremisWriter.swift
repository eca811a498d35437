/// Renders the PREMIS 3 part of an item's METS: an intellectual entity for the item, one file object
/// per stored file (fixity, size, format with its PRONOM key, original name), the item's events and
/// the agents they name.
import Foundation
enum PremisWriter {
    static func write(_ item: METSItem, to w: XMLWriter) {
        w.start("premis:premis")
        w.attribute("version", "3.0")

        w.start("premis:object")
        w.attribute("xsi:type", "premis:intellectualEntity")
        identifier(w, "premis:objectIdentifier", type: "local", value: item.objectID)
        w.end()

        for object in item.premisObjects {
            w.start("premis:object")
            w.attribute("xsi:type", "premis:file")
            identifier(w, "premis:objectIdentifier", type: "local", value: object.logicalPath)
            w.element("premis:objectCharacteristics") {
                w.element("premis:compositionLevel", "0")
                w.element("premis:fixity") {
                    w.element("premis:messageDigestAlgorithm", object.digestAlgorithm)
                    w.element("premis:messageDigest", object.digest)
                    w.element("premis:messageDigestOriginator", item.softwareName)
                }
                w.element("premis:size", String(object.size))
                w.element("premis:format") {
                    w.element("premis:formatDesignation") {
                        w.element("premis:formatName", object.formatName)
                        w.element("premis:formatVersion", optional: object.formatVersion)
                    }
                    if let pronom = object.pronomID {
                        w.element("premis:formatRegistry") {
                            w.element("premis:formatRegistryName", "PRONOM")
                            w.element("premis:formatRegistryKey", pronom)
                            w.element("premis:formatRegistryRole", "identification")
                        }
                    }
                    w.element("premis:formatNote", object.mimeType)
                }
            }
            w.element("premis:originalName", optional: object.originalName)
            for event in item.events where event.objects.contains(object.logicalPath) {
                identifier(w, "premis:linkingEventIdentifier", type: "local", value: event.identifier)
            }
            w.end()
        }

        for event in item.events {
            w.start("premis:event")
            identifier(w, "premis:eventIdentifier", type: "local", value: event.identifier)
            w.start("premis:eventType")
            w.attribute("authority", "eventType")
            w.attribute("authorityURI", "http://id.loc.gov/vocabulary/preservation/eventType")
            w.attribute("valueURI", event.type.valueURI)
            w.text(event.type.rawValue)
            w.end()
            w.element("premis:eventDateTime", event.dateTime)
            if !event.detail.isEmpty {
                w.element("premis:eventDetailInformation") { w.element("premis:eventDetail", event.detail) }
            }
            w.element("premis:eventOutcomeInformation") {
                w.element("premis:eventOutcome", event.outcome.rawValue)
                if !event.outcomeDetail.isEmpty {
                    w.element("premis:eventOutcomeDetail") { w.element("premis:eventOutcomeDetailNote", event.outcomeDetail) }
                }
            }
            for agent in event.agents {
                w.element("premis:linkingAgentIdentifier") {
                    w.element("premis:linkingAgentIdentifierType", "local")
                    w.element("premis:linkingAgentIdentifierValue", agent.identifier)
                    w.element("premis:linkingAgentRole", agent.role)
                }
            }
            for object in event.objects {
                w.element("premis:linkingObjectIdentifier") {
                    w.element("premis:linkingObjectIdentifierType", "local")
                    w.element("premis:linkingObjectIdentifierValue", object)
                }
            }
            w.end()
        }

        for agent in item.agents {
            w.element("premis:agent") {
                identifier(w, "premis:agentIdentifier", type: "local", value: agent.identifier)
                w.element("premis:agentName", agent.name)
                w.element("premis:agentType", agent.kind.rawValue)
                w.element("premis:agentVersion", optional: agent.version)
            }
        }
        w.end()
    }

    private static func identifier(_ w: XMLWriter, _ element: String, type: String, value: String) {
        let base = element.replacingOccurrences(of: "premis:", with: "")
        let prefix: String
        switch base {
        case "objectIdentifier": prefix = "objectIdentifier"
        case "linkingEventIdentifier": prefix = "linkingEventIdentifier"
        case "eventIdentifier": prefix = "eventIdentifier"
        default: prefix = "agentIdentifier"
        }
        w.element(element) {
            w.element("premis:\(prefix)Type", type)
            w.element("premis:\(prefix)Value", value)
        }
    }
}
