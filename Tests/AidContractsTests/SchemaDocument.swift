import AidContracts
import Foundation
import TestSupport

/// A bundled JSON Schema, parsed, with just enough `$ref` resolution (local `#/$defs/...`) for the checks.
struct SchemaDocument {
    let root: [String: Any]

    init(contentsOf url: URL) throws {
        guard let root = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] else {
            throw SchemaValidator.Failure(description: "\(url.lastPathComponent) is not a JSON object")
        }
        self.root = root
    }

    init(for type: any AidEvent.Type) throws {
        guard let url = EventCatalog.schemaURL(for: type) else {
            throw SchemaValidator.Failure(description: "no bundled schema for \(type.eventType)")
        }
        try self.init(contentsOf: url)
    }

    var id: String? { root["$id"] as? String }

    /// Follows `$ref` until it reaches a schema without one.
    func resolve(_ schema: [String: Any]) -> [String: Any] {
        guard let reference = schema["$ref"] as? String else { return schema }
        let prefix = "#/$defs/"
        guard reference.hasPrefix(prefix),
              let definitions = root["$defs"] as? [String: Any],
              let target = definitions[String(reference.dropFirst(prefix.count))] as? [String: Any]
        else { return [:] }
        return resolve(target)
    }

    /// Every property name declared anywhere in the schema, nested objects and definitions included.
    var allPropertyNames: Set<String> {
        var names: Set<String> = []
        func visit(_ value: Any) {
            if let object = value as? [String: Any] {
                if let properties = object["properties"] as? [String: Any] { names.formUnion(properties.keys) }
                object.values.forEach(visit)
            } else if let array = value as? [Any] {
                array.forEach(visit)
            }
        }
        visit(root)
        return names
    }

    /// Paths of object schemas that do not forbid undeclared properties.
    var openObjects: [String] {
        var open: [String] = []
        func visit(_ value: Any, at path: String) {
            if let object = value as? [String: Any] {
                if object["type"] as? String == "object", object["additionalProperties"] as? Bool != false { open.append(path) }
                for (key, child) in object { visit(child, at: "\(path)/\(key)") }
            } else if let array = value as? [Any] {
                for (index, child) in array.enumerated() { visit(child, at: "\(path)/\(index)") }
            }
        }
        visit(root, at: "#")
        return open
    }

    /// The `enum` of a definition, e.g. `stage`, or nil if the schema does not define it.
    func enumeration(of definition: String) -> [String]? {
        ((root["$defs"] as? [String: Any])?[definition] as? [String: Any])?["enum"] as? [String]
    }

    /// Differences between what the schema requires/declares and what an encoded instance holds,
    /// recursing into nested objects and arrays of objects; empty when they agree.
    func keyMismatches(instance: Any) -> [String] {
        var mismatches: [String] = []
        func compare(_ schema: [String: Any], _ value: Any, at path: String) {
            let schema = resolve(schema)
            if let object = value as? [String: Any] {
                let keys = Set(object.keys)
                let required = Set(schema["required"] as? [String] ?? [])
                let declared = Set((schema["properties"] as? [String: Any] ?? [:]).keys)
                if required != keys { mismatches.append("\(path): required \(required.sorted()) but encoded \(keys.sorted())") }
                if declared != keys { mismatches.append("\(path): properties \(declared.sorted()) but encoded \(keys.sorted())") }
                let properties = schema["properties"] as? [String: Any] ?? [:]
                for (key, child) in object {
                    if let childSchema = properties[key] as? [String: Any] { compare(childSchema, child, at: "\(path).\(key)") }
                }
            } else if let array = value as? [Any], let items = schema["items"] as? [String: Any] {
                for (index, element) in array.enumerated() { compare(items, element, at: "\(path)[\(index)]") }
            }
        }
        compare(root, instance, at: "$")
        return mismatches
    }
}
